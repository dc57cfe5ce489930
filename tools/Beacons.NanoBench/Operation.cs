namespace Beacons.NanoBench
{
    /// <summary>One timed operation: <see cref="Run"/> does it once; <see cref="PerRun"/> says how many of the counted unit one run is.</summary>
    public abstract class Operation
    {
        public string Name;

        /// <summary>Units (adverts, datagrams) one <see cref="Run"/> stands for: the table divides by it.</summary>
        public int PerRun = 1;

        public abstract void Run(int i);
    }
}
