-- Standard answers agents insert into a reply, with placeholders ({{first_name}}, {{agent_name}}, {{order_number}})
-- filled in for the conversation at hand. A team of NULL offers the answer to every team. Titles are unique
-- without regard to case, so an agent never has to choose between two answers of the same name.
CREATE TABLE canned_responses (
    id         uuid        PRIMARY KEY,
    title      text        NOT NULL,
    body       text        NOT NULL,
    team       text        NULL,
    created_by text        NOT NULL,
    created_at timestamptz NOT NULL,
    updated_by text        NOT NULL,
    updated_at timestamptz NOT NULL
);

CREATE UNIQUE INDEX canned_responses_title ON canned_responses (lower(title));
