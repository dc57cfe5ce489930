namespace Samples.Shared
{
    public static class Greeting
    {
        public static string Text() => "ready " + Parts.Count;
    }
}
