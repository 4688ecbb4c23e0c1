using BenchmarkDotNet.Running;

// dotnet run -c Release --project bench/ClassificationBenchmarks -- --filter '*' --job short
BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
