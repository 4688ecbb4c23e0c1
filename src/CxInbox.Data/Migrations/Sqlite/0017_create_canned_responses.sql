-- Standard answers agents insert into a reply, with placeholders ({{first_name}}, {{agent_name}}, {{order_number}})
-- filled in for the conversation at hand. A team of NULL offers the answer to every team. Titles are unique
-- without regard to case, so an agent never has to choose between two answers of the same name.
CREATE TABLE canned_responses (
    id         TEXT        PRIMARY KEY,
    title      TEXT        NOT NULL,
    body       TEXT        NOT NULL,
    team       TEXT        NULL,
    created_by TEXT        NOT NULL,
    created_at TEXT        NOT NULL,
    updated_by TEXT        NOT NULL,
    updated_at TEXT        NOT NULL
);

CREATE UNIQUE INDEX canned_responses_title ON canned_responses (lower(title));
