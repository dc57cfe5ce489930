# gdb script (tools/NanoClr/nanoclr bench): counts the managed objects each benchmark operation
# allocates inside nanoCLR. nanoFramework offers no managed allocation counter, so this counts
# nanoCLR's own heap allocations: every managed object, array, string or box is one call of
# CLR_RT_ExecutionEngine::ExtractHeapBlocks; the interpreter's event blocks (ExtractHeapBlocksForEvents,
# e.g. stack frames on a cache miss) go through it too and are taken off. The benchmark prints
# "@alloc UNITS NAME" before each operation's runs and "@alloc end" after the last; each window's
# count, less the first window's (an operation that allocates nothing), divided by UNITS, is the
# objects per unit. Checked on a probe: 10 x new object(), new byte[8], boxing an int and new long[3]
# each counted 10.
import gdb

gdb.execute("set breakpoint pending on")
gdb.execute("set pagination off")
counts = {"blocks": 0, "events": 0}
windows = []  # (units, name, blocks, events) at each marker


class Count(gdb.Breakpoint):
    def __init__(self, spec, key):
        super().__init__(spec, internal=True)
        self.key = key

    def stop(self):
        counts[self.key] += 1
        return False


class Marker(gdb.Breakpoint):
    def stop(self):
        text = gdb.parse_and_eval("(const char*)$rdi").string()
        if not text.startswith("@alloc "):
            return False
        parts = text.strip().split(" ", 2)
        windows.append((parts[1], parts[2] if len(parts) > 2 else "", counts["blocks"], counts["events"]))
        return parts[1] == "end"  # stop the run there: the timings that follow are not wanted here


Count("CLR_RT_ExecutionEngine::ExtractHeapBlocks", "blocks")
Count("CLR_RT_ExecutionEngine::ExtractHeapBlocksForEvents", "events")
Marker("CLR_Debug::Emit")
gdb.execute("run", to_string=True)

objects = []
for i in range(len(windows) - 1):
    units, name, blocks, events = windows[i]
    _, _, next_blocks, next_events = windows[i + 1]
    objects.append((name, int(units), (next_blocks - blocks) - (next_events - events)))
if not objects:
    print("nanobench: no allocation markers seen")
else:
    baseline = objects[0][2]
    print("nanobench: managed objects allocated per unit (nanoCLR heap allocations, counted under gdb)")
    for name, units, count in objects:
        print("%-58s%.2f" % (name, (count - baseline) / units))
