using TestGate.Cli;

return ReviewCommand.Run(args, Console.Out, Console.Error);
