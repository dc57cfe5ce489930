namespace Beacons.Triage
{
    /// <summary>Where a triage tag is in the medic's hands. docs/triage.md shows the transitions.</summary>
    public enum TagMode : byte
    {
        /// <summary>Nobody has assessed the casualty yet: no colour chosen.</summary>
        Untagged = 0,

        /// <summary>A first colour is being chosen; it is on the air, marked uncommitted.</summary>
        Choosing = 1,

        /// <summary>A colour is committed and locked: presses do nothing.</summary>
        Committed = 2,

        /// <summary>
        /// Unlocked by a double press to choose a new colour. The committed colour stays on the air
        /// until a hold commits the new one; left alone, the tag falls back to the committed colour.
        /// </summary>
        Changing = 3,
    }
}
