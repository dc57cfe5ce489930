using System.Buffers;
using System.Threading.Channels;
using Beacons.Gateway.Record;
using Beacons.Gateway.Roster;

namespace Beacons.Gateway.Ingest;

/// <summary>
/// Runs a drill: one thread owns the <see cref="DrillPipeline"/> and takes every input (datagrams,
/// adverts, ticks, controller actions) from one queue, so the roster has a single writer; a second
/// thread commits the events it emits to the <see cref="EventStore"/> in batched transactions and only
/// then publishes them to the <see cref="EventFeed"/> and answers the controller. Sources never block:
/// when the queue is full, input is dropped and counted.
/// </summary>
public sealed class DrillRuntime : IDisposable
{
    public const int QueueCapacity = 65_536;

    private readonly DrillPipeline _pipeline;
    private readonly EventStore _store;
    private readonly bool _recordRaw;
    private readonly SteadyClock _clock;
    private readonly Channel<Work> _input = Channel.CreateBounded<Work>(new BoundedChannelOptions(QueueCapacity) { SingleReader = true });

    // Ticks and controller actions go first: a flood of radio input must not keep a controller waiting.
    private readonly Channel<Work> _control = Channel.CreateBounded<Work>(new BoundedChannelOptions(4096) { SingleReader = true });
    // Bounded: when the disk falls behind, the pipeline waits, the input queue fills, and the sources
    // drop and count, instead of memory growing without end.
    private readonly Channel<Batch> _commits = Channel.CreateBounded<Batch>(new BoundedChannelOptions(32) { SingleReader = true, SingleWriter = true });
    private readonly Thread _loop;
    private readonly Thread _writer;
    private readonly Timer _ticker;
    private readonly List<(ActionOutcome, TaskCompletionSource<ActionOutcome>)> _answers = new();
    private readonly List<RawInput> _raw = new();
    private readonly List<Watermark> _watermarks = new();
    private volatile string? _fault;
    private volatile bool _stopping;
    private long _givingUpAtMs = long.MaxValue;
    private long _unwritten;

    /// <summary>How often a record that cannot be written is tried again.</summary>
    public const int RetryMs = 1000;

    /// <summary>How long a stopping gateway keeps trying to write what is left before it gives up on it.</summary>
    public const int StopPatienceMs = 5000;

    public DrillRuntime(Beacons.Venue.Venue venue, Beacons.Venue.Exercise exercise, EventStore store, PipelineSettings settings, IngestCounters counters, bool recordRaw, TimeProvider? time = null)
    {
        _store = store;
        _recordRaw = recordRaw;
        Venue = venue;
        Exercise = exercise;
        Counters = counters;

        List<DrillEvent> history = store.ReadAll().ToList();
        if (history.Count > 0 && history[0].Body is ExerciseOpened opened && opened.ExerciseId != exercise.ExerciseId)
        {
            throw new StoreException($"{store.Path} is the record of exercise {opened.ExerciseId} ({opened.ExerciseName}), not {exercise.ExerciseId}: give another --db");
        }

        _clock = new SteadyClock(time ?? TimeProvider.System, history.Count > 0 ? history[^1].AtMs : 0);
        DrillRoster roster = RosterFold.Rebuild(venue, exercise, history);
        _pipeline = new DrillPipeline(venue, exercise, settings, counters, roster, store.ReadWatermarks(),
            history.LastOrDefault(e => e.Body is ReceiverOffsetsApplied)?.Body as ReceiverOffsetsApplied);
        Feed = new EventFeed(store, roster);
        _pipeline.Open(Now);
        _loop = new Thread(Loop) { Name = "beacons pipeline", IsBackground = true };
        _writer = new Thread(Write) { Name = "beacons record", IsBackground = true };
        _loop.Start();
        _writer.Start();
        _ticker = new Timer(_ => _control.Writer.TryWrite(new TickWork()), null, 1000, 1000);
    }

    public Beacons.Venue.Venue Venue { get; }

    public Beacons.Venue.Exercise Exercise { get; }

    public IngestCounters Counters { get; }

    public EventFeed Feed { get; }

    public EventStore Store => _store;

    public bool RecordingRaw => _recordRaw;

    /// <summary>
    /// Why the record cannot be written now (in a controller's words), or null. While set, nothing new is
    /// acknowledged; the writer keeps trying and clears it once a commit goes through.
    /// </summary>
    public string? Fault => _fault;

    /// <summary>Events that were never written because the gateway stopped while the record could not be written.</summary>
    public long UnwrittenEvents => Interlocked.Read(ref _unwritten);

    /// <summary>The gateway's time (<see cref="SteadyClock"/>): steady, whatever the laptop's clock does.</summary>
    public long Now => _clock.Now;

    /// <summary>
    /// Queues a datagram whose buffer was rented from <see cref="ArrayPool{T}.Shared"/>; the runtime
    /// returns it. False (and counted) when the queue is full: the caller returns the buffer.
    /// </summary>
    public bool PostDatagram(byte[] rentedBuffer, int length, long atMs)
    {
        if (_input.Writer.TryWrite(new DatagramWork(rentedBuffer, length, atMs)))
        {
            return true;
        }

        Counters.Add(Counter.UdpOverload);
        return false;
    }

    /// <summary>Queues adverts heard directly (local adapter); false when the queue is full.</summary>
    public bool PostAdverts(IReadOnlyList<HeardAdvert> adverts, byte[]? rawPacket) =>
        _input.Writer.TryWrite(new AdvertsWork(adverts, rawPacket));

    /// <summary>Queues a tick now (the runtime ticks once a second by itself; a harness driving simulated time ticks with this).</summary>
    public bool PostTick() => _control.Writer.TryWrite(new TickWork());

    /// <summary>Applies a controller action; completes once its event is committed (or with the refusal).</summary>
    public Task<ActionOutcome> ActAsync(ControllerAction action)
    {
        if (_fault != null)
        {
            return Task.FromResult(ActionOutcome.Refused(RefusalReason.Unavailable, $"the record cannot be written: {_fault}"));
        }

        var answer = new TaskCompletionSource<ActionOutcome>(TaskCreationOptions.RunContinuationsAsynchronously);
        if (!_control.Writer.TryWrite(new ActionWork(action, answer)))
        {
            return Task.FromResult(ActionOutcome.Refused(RefusalReason.Unavailable, "the gateway is overloaded, try again"));
        }

        return answer.Task;
    }

    /// <summary>
    /// Runs <paramref name="work"/> on the pipeline's thread, in turn with ticks and controller actions, with the
    /// pipeline and the gateway's time; returns its result once the events it emitted are committed. Throws
    /// <see cref="InvalidOperationException"/> (saying why, in a controller's words) when the record cannot be
    /// written or the gateway is overloaded.
    /// </summary>
    public async Task<T> OnPipelineAsync<T>(Func<DrillPipeline, long, T> work)
    {
        if (_fault != null)
        {
            throw new InvalidOperationException($"the record cannot be written: {_fault}");
        }

        T result = default!;
        var answer = new TaskCompletionSource<ActionOutcome>(TaskCreationOptions.RunContinuationsAsynchronously);
        if (!_control.Writer.TryWrite(new PipelineWork((p, now) => result = work(p, now), answer)))
        {
            throw new InvalidOperationException("the gateway is overloaded, try again");
        }

        ActionOutcome outcome = await answer.Task;
        return outcome.Refusal == null ? result : throw new InvalidOperationException(outcome.Refusal.Message);
    }

    /// <summary>Processes everything queued so far and waits until its events are committed (tests, shutdown).</summary>
    public Task FlushAsync()
    {
        var done = new TaskCompletionSource<ActionOutcome>(TaskCreationOptions.RunContinuationsAsynchronously);
        _control.Writer.TryWrite(new ActionWork(null, done));
        return done.Task;
    }

    /// <summary>
    /// The gateway is stopping: a record that cannot be written is tried for <see cref="StopPatienceMs"/> more,
    /// then given up, so actions waiting on it are answered and the web server can stop too.
    /// </summary>
    public void BeginStop()
    {
        if (!_stopping)
        {
            Interlocked.Exchange(ref _givingUpAtMs, Environment.TickCount64 + StopPatienceMs);
            _stopping = true;
        }
    }

    public void Dispose()
    {
        BeginStop();
        _ticker.Dispose();
        _input.Writer.TryComplete();
        _control.Writer.TryComplete();
        _loop.Join();
        _writer.Join();
    }

    private void Loop()
    {
        ChannelReader<Work> control = _control.Reader;
        ChannelReader<Work> input = _input.Reader;
        int since = 0;
        while (true)
        {
            if (!control.TryRead(out Work? work) && !input.TryRead(out work))
            {
                Flush();
                since = 0;
                if (control.Completion.IsCompleted && input.Completion.IsCompleted)
                {
                    break;
                }

                Task.WaitAny(control.WaitToReadAsync().AsTask(), input.WaitToReadAsync().AsTask());
                continue;
            }

            Process(work);
            // Under sustained load the queue never empties: commit regularly anyway, so events reach clients within milliseconds.
            if (++since >= 256 || _pipeline.PendingCount >= 2_000)
            {
                Flush();
                since = 0;
            }
        }

        Flush();
        _commits.Writer.TryComplete();
    }

    private void Process(Work work)
    {
        try
        {
            switch (work)
            {
                case DatagramWork d:
                    if (_recordRaw)
                    {
                        _raw.Add(new RawInput(d.AtMs, RawSource.Udp, d.Buffer.AsSpan(0, d.Length).ToArray()));
                    }

                    _pipeline.Datagram(d.Buffer, d.Length, d.AtMs);
                    ArrayPool<byte>.Shared.Return(d.Buffer);
                    break;
                case AdvertsWork a:
                    if (_recordRaw && a.RawPacket != null)
                    {
                        _raw.Add(new RawInput(a.Adverts.Count > 0 ? a.Adverts[0].AtMs : Now, RawSource.Hci, a.RawPacket));
                    }

                    foreach (HeardAdvert advert in a.Adverts)
                    {
                        _pipeline.Advert(advert.Bytes, 0, advert.Bytes.Length, advert.ReceiverId, advert.Rssi, advert.AtMs);
                    }

                    break;
                case TickWork:
                    if (_clock.TakeJump() is long jump)
                    {
                        _pipeline.ClockJumped(jump, Now);
                    }

                    _pipeline.Tick(Now);
                    break;
                case PipelineWork p:
                    p.Run(_pipeline, Now);
                    _answers.Add((new ActionOutcome(null, null), p.Answer));
                    break;
                case ActionWork { Action: null } flush:
                    _answers.Add((new ActionOutcome(null, null), flush.Answer));
                    break;
                case ActionWork act:
                    ActionOutcome outcome = _pipeline.Act(act.Action, Now);
                    if (outcome.Event == null)
                    {
                        act.Answer.TrySetResult(outcome);
                    }
                    else
                    {
                        _answers.Add((outcome, act.Answer));
                    }

                    break;
            }
        }
        catch (Exception e)
        {
            // The pipeline never throws on input; if a bug makes it, the drill goes on without that input.
            Console.Error.WriteLine($"beacons: input dropped after an internal error: {e.GetType().Name}: {e.Message}");
            (work as ActionWork)?.Answer.TrySetResult(ActionOutcome.Refused(RefusalReason.Failed, "internal error"));
            (work as PipelineWork)?.Answer.TrySetResult(ActionOutcome.Refused(RefusalReason.Failed, "internal error"));
        }
    }

    private void Flush()
    {
        _pipeline.Settle(Now);
        List<DrillEvent> events = _pipeline.TakePending();
        _pipeline.TakeWatermarks(_watermarks);
        if (events.Count == 0 && _answers.Count == 0 && _raw.Count == 0 && _watermarks.Count == 0)
        {
            return;
        }

        var batch = new Batch(events, _pipeline.Roster, _answers.ToArray(), _raw.Count > 0 ? _raw.ToArray() : null, _watermarks.ToArray());
        _watermarks.Clear();
        if (!_commits.Writer.TryWrite(batch))
        {
            _commits.Writer.WriteAsync(batch).AsTask().GetAwaiter().GetResult();
        }

        _answers.Clear();
        _raw.Clear();
    }

    private void Write()
    {
        ChannelReader<Batch> reader = _commits.Reader;
        var batches = new List<Batch>();
        while (reader.WaitToReadAsync().AsTask().GetAwaiter().GetResult())
        {
            // Group commit: everything waiting goes in one transaction.
            batches.Clear();
            while (batches.Count < 64 && reader.TryRead(out Batch? b))
            {
                batches.Add(b);
            }

            List<DrillEvent> folded = batches.SelectMany(b => b.Events).ToList();
            List<StoredEvent> events = folded.Select(StoredEvent.Of).ToList();
            List<RawInput>? raw = batches.Any(b => b.Raw != null) ? batches.Where(b => b.Raw != null).SelectMany(b => b.Raw!).ToList() : null;
            List<Watermark> watermarks = batches.SelectMany(b => b.Watermarks).ToList();
            if (!CommitOrGiveUp(events, raw, watermarks))
            {
                Interlocked.Add(ref _unwritten, events.Count);
                foreach (Batch b in batches)
                {
                    foreach ((ActionOutcome _, TaskCompletionSource<ActionOutcome> answer) in b.Answers)
                    {
                        answer.TrySetResult(ActionOutcome.Refused(RefusalReason.Unavailable, $"the record cannot be written: {_fault}"));
                    }
                }

                continue;
            }

            Feed.Publish(folded, events, batches[^1].Roster);
            foreach (Batch b in batches)
            {
                foreach ((ActionOutcome outcome, TaskCompletionSource<ActionOutcome> answer) in b.Answers)
                {
                    answer.TrySetResult(outcome);
                }
            }
        }
    }

    /// <summary>
    /// Commits, trying again every second while the record cannot be written (a full disk that is then freed):
    /// nothing is published or answered before it is on disk, and nothing waiting is dropped (the pipeline waits
    /// behind it, the input queue fills, and the sources count what they drop). Gives up only when the gateway
    /// stops and the record still cannot be written after <see cref="StopPatienceMs"/>.
    /// </summary>
    private bool CommitOrGiveUp(List<StoredEvent> events, List<RawInput>? raw, List<Watermark> watermarks)
    {
        if (Interlocked.Read(ref _unwritten) > 0)
        {
            return false; // once events were given up, none after them is written: the record stays an unbroken prefix
        }

        while (!Commit(events, raw, watermarks))
        {
            if (_stopping && Environment.TickCount64 >= Interlocked.Read(ref _givingUpAtMs))
            {
                return false;
            }

            Thread.Sleep(RetryMs);
        }

        return true;
    }

    private bool Commit(List<StoredEvent> events, List<RawInput>? raw, List<Watermark> watermarks)
    {
        string? why;
        try
        {
            _store.Append(events, raw, watermarks);
            if (_fault != null)
            {
                _fault = null;
                Console.Error.WriteLine($"beacons: the record {_store.Path} can be written again; nothing acknowledged was lost");
            }

            return true;
        }
        catch (Microsoft.Data.Sqlite.SqliteException e)
        {
            why = StoreFault.Describe(e);
        }
        catch (IOException e)
        {
            why = e.Message;
        }

        if (_fault != why)
        {
            Console.Error.WriteLine($"beacons: the record {_store.Path} cannot be written: {why}. Nothing new is acknowledged until it can; trying again every second");
        }

        _fault = why;
        return false;
    }

    private abstract record Work;

    private sealed record DatagramWork(byte[] Buffer, int Length, long AtMs) : Work;

    private sealed record AdvertsWork(IReadOnlyList<HeardAdvert> Adverts, byte[]? RawPacket) : Work;

    private sealed record TickWork : Work;

    private sealed record ActionWork(ControllerAction? Action, TaskCompletionSource<ActionOutcome> Answer) : Work;

    private sealed record PipelineWork(Action<DrillPipeline, long> Run, TaskCompletionSource<ActionOutcome> Answer) : Work;

    private sealed record Batch(List<DrillEvent> Events, DrillRoster Roster, (ActionOutcome, TaskCompletionSource<ActionOutcome>)[] Answers, RawInput[]? Raw, Watermark[] Watermarks);
}

/// <summary>An advert heard directly: its bytes (owned), RSSI, when, and which venue receiver it counts for (0: none).</summary>
public sealed record HeardAdvert(byte[] Bytes, int Rssi, long AtMs, int ReceiverId);
