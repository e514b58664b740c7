using Platform.Bench;
using Platform.Bench.CoursesOneTwo;
using Platform.Bench.Models;

// Usage: dotnet run -c Release --project bench/Platform.Bench -- [ingest-pg|ingest-sqlite|ingest-store-pg|history|search|all|models] [points per writer]
//        dotnet run -c Release --project bench/Platform.Bench -- c12 [data directory] [numpy reference directory] [run keys...]
//        ... -- c2w3 [data directory] [epochs] [dtypes...]   (c2w3-signs-mlp main run, issue 3; default 1500, float64 float32)
//        ... -- c2w3-orders|convnet2017-orders [data directory] [orders] [epochs]   (a 2017 run over other training-set orders)
//        ... -- resnet2017-orders [data directory] [orders] [first order, -1 = file names] [threads]
//        ... -- scheduler [trials] [workers] | asha-vs-grid [data directory]   (issue 6)
var what = args.Length > 0 ? args[0] : "all";
if (what == "c12")
{
    // Courses 1-2 main runs against numpy (issue 3); each run in its own process (c12-run) for its peak memory.
    new MainRunBenchmarks(Console.Out).Run(args.Length > 1 ? args[1] : "../shared/datasets", args.Length > 2 ? args[2] : "../shared/bench", args.Length > 3 ? args[3..] : []);
    return;
}

if (what == "c2w3")
{
    new SignsMlpMainRun(Console.Out).Run(
        args.Length > 1 ? args[1] : "../shared/datasets",
        args.Length > 2 ? int.Parse(args[2], System.Globalization.CultureInfo.InvariantCulture) : 1500,
        args.Length > 3 ? args[3..] : ["float64", "float32"]);
    return;
}

if (what is "c2w3-orders" or "convnet2017-orders" or "resnet2017-orders")
{
    // A 2017 run's result over other orders of the same training set (issues 3 and 4); every order is printed.
    var orders = new Platform.Bench.TrainingOrders.TrainingOrderSensitivity(Console.Out);
    var data = args.Length > 1 ? args[1] : "../shared/datasets";
    var count = args.Length > 2 ? int.Parse(args[2], System.Globalization.CultureInfo.InvariantCulture) : 8;
    if (what == "c2w3-orders")
    {
        orders.SignsMlp(data, count, args.Length > 3 ? int.Parse(args[3], System.Globalization.CultureInfo.InvariantCulture) : 1500);
    }
    else if (what == "convnet2017-orders")
    {
        orders.ConvNet2017(data, count, args.Length > 3 ? int.Parse(args[3], System.Globalization.CultureInfo.InvariantCulture) : 100);
    }
    else
    {
        // [first order] [threads]: a 2-epoch ResNet-50 takes minutes, so the orders can be split between processes.
        orders.ResNet2017(data, args.Length > 3 ? int.Parse(args[3], System.Globalization.CultureInfo.InvariantCulture) : -1, count,
            args.Length > 4 ? int.Parse(args[4], System.Globalization.CultureInfo.InvariantCulture) : 1);
    }

    return;
}

if (what == "c12-run")
{
    MainRunBenchmarks.RunChild(args[1], args[2], args[3]);
    return;
}

if (what == "scheduler")
{
    var trials = args.Length > 1 ? int.Parse(args[1], System.Globalization.CultureInfo.InvariantCulture) : 10_000;
    var workers = args.Length > 2 ? int.Parse(args[2], System.Globalization.CultureInfo.InvariantCulture) : 100;
    await new Platform.Bench.Scheduler.SchedulerBenchmark(Console.Out).RunAsync(trials, workers);
    return;
}

if (what == "asha-vs-grid")
{
    new Platform.Bench.Scheduler.AshaVsGridBenchmark(Console.Out, args.Length > 1 ? args[1] : "../shared/datasets").Run();
    return;
}

if (what == "models")
{
    new ModelBenchmarks(Console.Out).Run(); // Course 4 models (issue 4): no database needed
    return;
}

var points = args.Length > 1 ? int.Parse(args[1], System.Globalization.CultureInfo.InvariantCulture) : 1_000_000;
await using var bench = new TrackingBenchmarks(Console.Out);
switch (what)
{
    case "ingest-pg": await bench.IngestPostgresAsync(points); break;
    case "ingest-sqlite": await bench.IngestSqliteAsync(points); break;
    case "ingest-store-pg": await bench.IngestStorePostgresAsync(points); break;
    case "history": await bench.DownsampledHistoryAsync(); break;
    case "search": await bench.SearchRunsAsync(); break;
    default:
        await bench.IngestPostgresAsync(points);
        await bench.IngestSqliteAsync(points / 4);
        await bench.DownsampledHistoryAsync();
        await bench.SearchRunsAsync();
        break;
}
