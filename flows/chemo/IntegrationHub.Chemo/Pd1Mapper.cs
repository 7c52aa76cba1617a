namespace IntegrationHub.Chemo;

/// <summary>
/// PD1 (spec §6.4): the registered practice (PD1-3, XON) and GP (PD1-4, XCN), first repetition, whitelisted
/// components only; every other field is dropped.
/// </summary>
internal static class Pd1Mapper
{
    public static string Map(Hl7Segment pd1, SegmentWriter w)
    {
        var d = pd1.Delimiters;
        w.Begin("PD1", d);
        var practice = Er7.Repetition(pd1.Field(3), d);
        w.Component(3, 1, Er7.Component(practice, d, 1));
        for (var component = 3; component <= 5; component++)
        {
            w.Component(3, component, Er7.Component(practice, d, component));
        }

        w.Component(3, 6, Er7.SubComponent(Er7.Component(practice, d, 6), d, 1));
        w.Component(3, 7, Er7.Component(practice, d, 7));
        w.Component(3, 8, Er7.SubComponent(Er7.Component(practice, d, 8), d, 1));
        w.Component(3, 9, Er7.Component(practice, d, 9));

        var doctor = Er7.Repetition(pd1.Field(4), d);
        w.Component(4, 1, Er7.Component(doctor, d, 1));
        w.Component(4, 2, Er7.SubComponent(Er7.Component(doctor, d, 2), d, 1));
        w.Component(4, 3, Er7.Component(doctor, d, 3));
        w.Component(4, 4, Er7.Component(doctor, d, 4));
        w.Component(4, 6, Er7.Component(doctor, d, 6));
        return w.ToString();
    }
}
