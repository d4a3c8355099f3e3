using BenchmarkDotNet.Running;

BenchmarkSwitcher.FromAssembly(typeof(Comments.Publisher.Benchmarks.PublishBenchmarks).Assembly).Run(args);
