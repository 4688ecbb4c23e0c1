namespace CxInbox.Cli;

/// <summary>A problem with the user's input, reported as one line and an exit code, never as a stack trace.</summary>
internal sealed class CliException(string message, int exitCode = 1) : Exception(message)
{
    public int ExitCode { get; } = exitCode;
}
