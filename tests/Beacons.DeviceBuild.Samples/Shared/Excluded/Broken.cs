// The projitems excludes this folder: if the exclusion were ignored, this would not compile.
namespace Samples.Shared
{
    public static class Broken
    {
        public static int Value() => NoSuchThing;
    }
}
