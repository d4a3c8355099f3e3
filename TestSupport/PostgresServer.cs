using System.Diagnostics;
using System.Globalization;
using Npgsql;

namespace Comments.TestSupport;

/// <summary>
/// A real PostgreSQL server from the machine's binaries (initdb, pg_ctl): loopback only, a free port, a temporary
/// data directory, removed on dispose. PostgreSQL refuses to run as root, so as root it runs as the postgres user.
/// A test process that dies (or whose exit handlers are cut short) cannot remove its server; the next start stops
/// such a server and removes its directory, which can hold close to a gigabyte after a full run.
/// </summary>
public sealed class PostgresServer : IAsyncDisposable
{
    private static readonly string[] BinaryDirectories = Directory.Exists("/usr/lib/postgresql")
        ? Directory.GetDirectories("/usr/lib/postgresql").Select(d => Path.Combine(d, "bin")).OrderDescending().ToArray()
        : [];

    private const string DirectoryPrefix = "comments-pg-";
    private const string OwnerFile = "owner.pid";

    private readonly string _directory;
    private readonly string _pgCtl;
    private readonly string _options;

    private PostgresServer(string directory, string pgCtl, int port, string options = "")
    {
        _directory = directory;
        _pgCtl = pgCtl;
        Port = port;
        _options = options;
    }

    public int Port { get; }

    private string DataDirectory => Path.Combine(_directory, "data");

    /// <summary>Why no server can be started here, or null when the binaries are present.</summary>
    public static string? UnavailableReason =>
        ExternalTool.Find("initdb", BinaryDirectories) is null || ExternalTool.Find("pg_ctl", BinaryDirectories) is null
            ? "PostgreSQL server binaries (initdb, pg_ctl) are not installed; install the postgresql package."
            : null;

    public static Task<PostgresServer> StartAsync() => StartAsync(_ => "");

    /// <summary>A server that archives each finished WAL segment to <see cref="WalArchive"/>, which stands in for a bucket.</summary>
    public static Task<PostgresServer> StartArchivingAsync() =>
        StartAsync(directory => $"-c wal_level=replica -c archive_mode=on -c archive_timeout=0 -c \"archive_command=test ! -f {directory}/wal-archive/%f && cp %p {directory}/wal-archive/%f\"");

    /// <summary>Where an archiving server puts its WAL segments.</summary>
    public string WalArchive => Path.Combine(_directory, "wal-archive");

    /// <summary>A base backup of this server (pg_basebackup) into a folder of its own; the WAL comes from the archive.</summary>
    public async Task<string> BaseBackupAsync()
    {
        var backup = Path.Combine(_directory, $"base-backup-{Guid.NewGuid():N}");
        await RunAsync(PgBaseBackup, ["-h", "127.0.0.1", "-p", Port.ToString(CultureInfo.InvariantCulture), "-U", "postgres", "-D", backup, "-X", "none", "--checkpoint=fast", "--no-sync"]);
        return backup;
    }

    /// <summary>
    /// A new server restored from <paramref name="backup"/> and this server's WAL archive up to
    /// <paramref name="targetTime"/> (recovery_target_time), then promoted: point-in-time recovery.
    /// </summary>
    public async Task<PostgresServer> RestoreAsync(string backup, DateTimeOffset targetTime)
    {
        var restored = await CreateAsync(_pgCtl, _ => "");
        await RunAsync("cp", ["-a", backup, restored.DataDirectory]);
        var target = targetTime.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss.ffffff+00", CultureInfo.InvariantCulture);
        await RunAsync("sh", ["-c",
            $"printf \"restore_command = 'cp {WalArchive}/%%f %%p'\\nrecovery_target_time = '{target}'\\nrecovery_target_action = 'promote'\\n\" >> {restored.DataDirectory}/postgresql.auto.conf" +
            $" && touch {restored.DataDirectory}/recovery.signal"]);
        await restored.StartServerAsync();
        await restored.WaitForPromotionAsync();
        return restored;
    }

    /// <summary>Waits until the server has replayed what it recovers and accepts writes.</summary>
    private async Task WaitForPromotionAsync()
    {
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (true)
        {
            try
            {
                await using var connection = new NpgsqlConnection(ConnectionString("postgres"));
                await connection.OpenAsync();
                await using var query = new NpgsqlCommand("SELECT pg_is_in_recovery()", connection);
                if (!(bool)(await query.ExecuteScalarAsync())!)
                {
                    return;
                }
            }
            catch (NpgsqlException) when (DateTime.UtcNow < deadline)
            {
                // Still replaying the archive.
            }

            if (DateTime.UtcNow >= deadline)
            {
                throw new TimeoutException($"the restored server on port {Port} did not finish recovery in 60 s");
            }

            await Task.Delay(200);
        }
    }

    /// <summary>
    /// A primary for streaming replication whose commits wait for the standby named <paramref name="synchronousStandby"/>
    /// (CloudNativePG's synchronous replication): an acknowledged commit is on two servers.
    /// </summary>
    public static Task<PostgresServer> StartPrimaryAsync(string synchronousStandby) =>
        StartAsync(_ => $"-c wal_level=replica -c max_wal_senders=5 -c synchronous_standby_names={synchronousStandby}");

    /// <summary>A hot standby of this server, cloned with pg_basebackup and streaming from it as <paramref name="name"/>.</summary>
    public async Task<PostgresServer> StartStandbyAsync(string name)
    {
        var standby = await CreateAsync(_pgCtl, _ => $"-c hot_standby=on -c cluster_name={name}");
        await RunAsync(PgBaseBackup, ["-h", "127.0.0.1", "-p", Port.ToString(CultureInfo.InvariantCulture), "-U", "postgres", "-D", standby.DataDirectory, "-R", "-X", "stream", "--checkpoint=fast", "--no-sync"]);
        await standby.StartServerAsync();
        return standby;
    }

    /// <summary>Makes a standby the primary, as the operator does after a failover (pg_ctl promote).</summary>
    public Task PromoteAsync() => RunAsync(_pgCtl, ["-D", DataDirectory, "-w", "promote"]);

    private static string PgBaseBackup => ExternalTool.Find("pg_basebackup", BinaryDirectories)
        ?? throw new InvalidOperationException("pg_basebackup is not installed; install the postgresql package.");

    private static async Task<PostgresServer> StartAsync(Func<string, string> options)
    {
        ExternalTool.Require(UnavailableReason);
        var initdb = ExternalTool.Find("initdb", BinaryDirectories)!;
        var pgCtl = ExternalTool.Find("pg_ctl", BinaryDirectories)!;

        await RemoveAbandonedAsync(pgCtl);
        var server = await CreateAsync(pgCtl, options);
        await RunAsync(initdb, ["-D", server.DataDirectory, "-U", "postgres", "-A", "trust", "-E", "UTF8", "--no-locale", "--no-sync"]);
        await server.StartServerAsync();
        return server;
    }

    /// <summary>A server's folder; <paramref name="options"/> gives its settings from that folder.</summary>
    private static async Task<PostgresServer> CreateAsync(string pgCtl, Func<string, string> options)
    {
        var directory = Directory.CreateTempSubdirectory(DirectoryPrefix).FullName;
        await File.WriteAllTextAsync(Path.Combine(directory, OwnerFile), Environment.ProcessId.ToString(CultureInfo.InvariantCulture));
        Directory.CreateDirectory(Path.Combine(directory, "wal-archive"));
        if (IsRoot)
        {
            await RunAsync("chown", ["-R", "postgres:postgres", directory], asPostgres: false);
        }

        return new PostgresServer(directory, pgCtl, LoopbackPort.Next(), options(directory));
    }

    public string ConnectionString(string database) => new NpgsqlConnectionStringBuilder
    {
        Host = "127.0.0.1",
        Port = Port,
        Username = "postgres",
        Database = database,
    }.ConnectionString;

    /// <summary>Creates an empty database and returns its connection string.</summary>
    public async Task<string> CreateDatabaseAsync(string name)
    {
        await using (var connection = new NpgsqlConnection(ConnectionString("postgres")))
        {
            await connection.OpenAsync();
            // On a primary that requires a synchronous standby (StartPrimaryAsync), a commit waits for one as soon as its
            // checkpointer has read the setting, and the standby is cloned only later, database included: this one need not wait.
            await using var local = new NpgsqlCommand("SET synchronous_commit TO local", connection);
            await local.ExecuteNonQueryAsync();
            await using var command = new NpgsqlCommand($"CREATE DATABASE \"{name}\"", connection);
            await command.ExecuteNonQueryAsync();
        }

        return ConnectionString(name);
    }

    public Task StartServerAsync() => RunAsync(_pgCtl,
    [
        "-D", DataDirectory, "-l", Path.Combine(_directory, "server.log"), "-w", "-t", "60",
        "-o", $"-p {Port} -k {_directory} -c listen_addresses=127.0.0.1 -c max_connections=300 -c fsync=off -c max_wal_size=64MB -c min_wal_size=32MB {_options}",
        "start",
    ]);

    public Task StopServerAsync() => RunAsync(_pgCtl, ["-D", DataDirectory, "-m", "fast", "-w", "stop"]);

    /// <summary>Stops the server without a clean shutdown (like a killed pod): connections drop mid-request.</summary>
    public Task KillServerAsync() => RunAsync(_pgCtl, ["-D", DataDirectory, "-m", "immediate", "-w", "stop"]);

    public async ValueTask DisposeAsync()
    {
        try
        {
            await StopServerAsync();
        }
        catch (InvalidOperationException)
        {
            // Already stopped.
        }

        Directory.Delete(_directory, recursive: true);
    }

    private static bool IsRoot => Environment.UserName == "root";

    /// <summary>Stops and removes the servers of test processes that no longer run.</summary>
    private static async Task RemoveAbandonedAsync(string pgCtl)
    {
        foreach (var directory in Directory.EnumerateDirectories(Path.GetTempPath(), DirectoryPrefix + "*"))
        {
            if (!IsAbandoned(directory))
            {
                continue;
            }

            if (File.Exists(Path.Combine(directory, "data", "postmaster.pid")))
            {
                try
                {
                    await RunAsync(pgCtl, ["-D", Path.Combine(directory, "data"), "-m", "immediate", "-w", "stop"]);
                }
                catch (InvalidOperationException)
                {
                    // Not running: a stale pid file.
                }
            }

            try
            {
                Directory.Delete(directory, recursive: true);
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                // Another test process is removing it at the same time, or it belongs to another user.
            }
        }
    }

    // Its test process is gone; without an owner file (being set up, or half removed) only once it is old.
    private static bool IsAbandoned(string directory)
    {
        var owner = Path.Combine(directory, OwnerFile);
        return File.Exists(owner)
            ? int.TryParse(File.ReadAllText(owner), CultureInfo.InvariantCulture, out var pid) && !Directory.Exists($"/proc/{pid}")
            : Directory.GetLastWriteTimeUtc(directory) < DateTime.UtcNow.AddMinutes(-10);
    }


    private static async Task RunAsync(string program, string[] arguments, bool asPostgres = true)
    {
        var start = new ProcessStartInfo
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        if (asPostgres && IsRoot)
        {
            start.FileName = "runuser";
            foreach (var argument in (string[])["-u", "postgres", "--", program])
            {
                start.ArgumentList.Add(argument);
            }
        }
        else
        {
            start.FileName = program;
        }

        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException(
                $"{Path.GetFileName(program)} {string.Join(' ', arguments)} exited with {process.ExitCode}: {await error}{await output}");
        }
    }
}
