namespace Samples.Shared
{
    // In a subfolder: only the projitems' ** wildcard brings it in.
    public static class Parts
    {
        public const int Count = 2;
    }
}
