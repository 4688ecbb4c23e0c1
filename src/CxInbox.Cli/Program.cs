using CxInbox.Cli;
using CxInbox.Cli.Commands;

const string Usage = """
    cxinbox: message classification tools (docs/classification.md) and the traffic simulator

      classify          --input messages.jsonl --output tagged.jsonl [--lexicon file.json]
                        Tags every line; prints precision/recall/F1 when the input carries gold labels.
      evaluate          --input messages.jsonl [--input ...] [--lexicon file.json]
                        [--train more.jsonl ...] [--folds K] [--l2 X] [--word-l2 X]
                        Scores the lexicon on labelled messages; with --train, after training on those files;
                        with --folds, k-fold cross-validated (each message scored by weights trained without it).
      train             --input labelled.jsonl [--input ...] [--lexicon file.json] --output trained.json [--l2 X] [--word-l2 X]
                        Fits the cue-group weights and the learned words of a lexicon to labelled messages.
      validate-lexicon  --lexicon file.json
      export-lexicon    --output file.json   (the shipped lexicon, to start a deployment's own)
      simulate          [--channels sms,facebook,x,email,webhook] [--customers 200] [--rate 20] [--duration 60]
                        [--target http://localhost:5080] [--seed N] [--set Key=Value ...]
                        Signed, realistic customer traffic against a running Host (docs/adding-a-channel.md).
                        Secrets come from the Host's keys in the environment (Channels__Twilio__AuthToken, ...)
                        or --set; e-mail is skipped when no mailbox and SMTP server are configured.
    """;

if (args.Length == 0 || args[0] is "-h" or "--help" or "help")
{
    Console.WriteLine(Usage);
    return args.Length == 0 ? 2 : 0;
}

try
{
    var rest = args.Skip(1);
    return args[0] switch
    {
        "classify" => ClassifyCommand.Run(rest),
        "evaluate" => EvaluateCommand.Run(rest),
        "train" => TrainCommand.Run(rest),
        "validate-lexicon" => LexiconCommands.Validate(rest),
        "export-lexicon" => LexiconCommands.Export(rest),
        "simulate" => await SimulateCommand.RunAsync(rest),
        _ => throw new CliException($"unknown command '{args[0]}'\n{Usage}", 2),
    };
}
catch (CliException e)
{
    await Console.Error.WriteLineAsync("error: " + e.Message);
    return e.ExitCode;
}
catch (IOException e)
{
    await Console.Error.WriteLineAsync("error: " + e.Message);
    return 1;
}
catch (UnauthorizedAccessException e)
{
    await Console.Error.WriteLineAsync("error: " + e.Message);
    return 1;
}
