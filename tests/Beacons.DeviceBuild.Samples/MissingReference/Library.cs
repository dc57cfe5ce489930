namespace Samples.MissingReference
{
    // The project names an assembly that is not among the reference assemblies.
    public static class Library
    {
        public static int Answer() => 42;
    }
}
