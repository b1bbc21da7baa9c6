using Spectre.Console;
using Sweep.Training;

namespace Sweep.Client.Cli;

/// <summary>Runs a check that reports bad input by <see cref="InvalidInputException"/> and turns it into the parser's validation result.</summary>
public static class SettingsCheck
{
    public static ValidationResult Of(Action check)
    {
        try
        {
            check();
            return ValidationResult.Success();
        }
        catch (InvalidInputException e)
        {
            return ValidationResult.Error(e.Message);
        }
    }
}
