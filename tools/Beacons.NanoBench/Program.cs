using System;

namespace Beacons.NanoBench
{
    /// <summary>
    /// Times the device-shared code's hot paths inside nanoCLR (tools/NanoClr/nanoclr bench). Each
    /// operation runs in 25 samples of about 2 ms, each right after a sample of the reference loop
    /// (<see cref="NativeCallLoop"/>). The table gives per unit the median and the fastest sample in
    /// microseconds on this machine, the ratio of the fastest to the reference's fastest, and that ratio
    /// times the reference step's measured time on an ESP32 (docs/receiver.md, Capacity, says where
    /// that figure comes from). The fastest samples are the ones other processes disturbed least, so
    /// their ratio is the steadiest on a shared machine; on an idle one median and fastest agree.
    /// </summary>
    public static class Program
    {
        private const int Samples = 25;
        private const long SampleTicks = 20000; // 2 ms in 100 ns ticks: short, so some run between other processes' turns
        private const int AllocationRuns = 20;

        /// <summary>One reference step on an ESP32 (ESP32_REV3 image, 240 MHz): 54,000 toggles a second (nanoframework/Home#1013).</summary>
        private const double Esp32ReferenceStepUs = 18.5;

        public static void Main()
        {
            var reference = new NativeCallLoop { Name = "reference: one native call in a loop" };
            Operation[] operations =
            {
                new Nothing { Name = "(loop and call overhead)" },
                new OneArray { Name = "(one new byte[8]: checks the object count)" },
                reference,
                new EncodeAndMac { Name = "frame encode + MAC" },
                new DecodeAndVerify { Name = "decode + verify" },
                new ObserveAndDecide(false) { Name = "estimator observe + decide" },
                new ObserveAndDecide(true) { Name = "evidence estimator observe + decide" },
                new DatagramMac { Name = "datagram MAC (SipHash, 1,192 B)" },
                new RelayDatagram { Name = "receiver, per advert (hear, batch, 1 datagram MAC / 34)" },
            };

            CountAllocations(operations);

            int referenceRuns = RunsPerSample(reference);
            Console.WriteLine("nanobench: " + Samples + " samples of ~2 ms per operation, nanoCLR on this machine; ESP32 = x ref * " + Esp32ReferenceStepUs + " us");
            Console.WriteLine(Pad("operation", 58) + Pad("us median", 11) + Pad("us fastest", 12) + Pad("x ref", 9) + "us ESP32 (est.)");
            for (int o = 0; o < operations.Length; o++)
            {
                Operation op = operations[o];
                int runs = RunsPerSample(op);
                double[] here = new double[Samples];
                double fastestStep = double.MaxValue;
                double fastest = double.MaxValue;
                for (int s = 0; s < Samples; s++)
                {
                    double step = PerUnitUs(reference, referenceRuns);
                    here[s] = PerUnitUs(op, runs);
                    fastestStep = step < fastestStep ? step : fastestStep;
                    fastest = here[s] < fastest ? here[s] : fastest;
                }

                double r = fastest / fastestStep;
                Console.WriteLine(Pad(op.Name, 58) + Pad(Median(here).ToString("F2"), 11) + Pad(fastest.ToString("F2"), 12) + Pad(r.ToString("F2"), 9) + (r * Esp32ReferenceStepUs).ToString("F0"));
            }
        }

        /// <summary>
        /// Runs each operation a few times between marker lines. nanoFramework has no managed call that
        /// counts allocations, so tools/NanoClr/count-allocations.py (run by the bench command under gdb)
        /// counts nanoCLR's own heap-block allocations between the markers. Run alone, this only prints
        /// the markers, which the bench command hides. The marker strings are made before, so printing
        /// them costs every window the same, which the first operation (nothing) measures.
        /// </summary>
        private static void CountAllocations(Operation[] operations)
        {
            string[] marks = new string[operations.Length + 1];
            for (int o = 0; o < operations.Length; o++)
            {
                marks[o] = "@alloc " + (AllocationRuns * operations[o].PerRun) + " " + operations[o].Name;
                operations[o].Run(0);
            }

            marks[operations.Length] = "@alloc end";
            for (int o = 0; o < operations.Length; o++)
            {
                Console.WriteLine(marks[o]);
                for (int r = 1; r <= AllocationRuns; r++)
                {
                    operations[o].Run(r);
                }
            }

            Console.WriteLine(marks[operations.Length]);
        }

        /// <summary>Warms the operation up and finds how many runs fill a sample.</summary>
        private static int RunsPerSample(Operation op)
        {
            int runs = 1;
            while (true)
            {
                long took = Time(op, runs);
                if (took >= SampleTicks / 4 || runs >= 1 << 24)
                {
                    int fill = (int)(runs * (SampleTicks / (double)(took < 1 ? 1 : took)));
                    return fill < 1 ? 1 : fill;
                }

                runs *= 2;
            }
        }

        private static double PerUnitUs(Operation op, int runs)
        {
            return Time(op, runs) / 10.0 / runs / op.PerRun;
        }

        private static long Time(Operation op, int runs)
        {
            long start = DateTime.UtcNow.Ticks;
            for (int i = 0; i < runs; i++)
            {
                op.Run(i);
            }

            return DateTime.UtcNow.Ticks - start;
        }

        private static double Median(double[] values)
        {
            // Insertion sort: a few values.
            for (int i = 1; i < values.Length; i++)
            {
                double v = values[i];
                int j = i - 1;
                while (j >= 0 && values[j] > v)
                {
                    values[j + 1] = values[j];
                    j--;
                }

                values[j + 1] = v;
            }

            return values[values.Length / 2];
        }

        private static string Pad(string text, int width)
        {
            while (text.Length < width)
            {
                text += " ";
            }

            return text;
        }
    }
}
