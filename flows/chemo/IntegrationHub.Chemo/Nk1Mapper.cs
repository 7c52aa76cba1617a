namespace IntegrationHub.Chemo;

/// <summary>
/// NK1 (spec §6.5), applied to every occurrence: name (XPN.1.1, XPN.2, XPN.7), relationship (NK1-3.1), address
/// (XAD.1.1, XAD.2, XAD.7) and phone (XTN.1), first repetitions. NK1-1 (set id) is dropped.
/// </summary>
internal static class Nk1Mapper
{
    public static string Map(Hl7Segment nk1, SegmentWriter w)
    {
        var d = nk1.Delimiters;
        w.Begin("NK1", d);
        var name = Er7.Repetition(nk1.Field(2), d);
        w.Component(2, 1, Er7.SubComponent(Er7.Component(name, d, 1), d, 1));
        w.Component(2, 2, Er7.Component(name, d, 2));
        w.Component(2, 7, Er7.Component(name, d, 7));
        w.Component(3, 1, Er7.Component(nk1, 3, 1));
        var address = Er7.Repetition(nk1.Field(4), d);
        w.Component(4, 1, Er7.SubComponent(Er7.Component(address, d, 1), d, 1));
        w.Component(4, 2, Er7.Component(address, d, 2));
        w.Component(4, 7, Er7.Component(address, d, 7));
        w.Component(5, 1, Er7.Component(nk1, 5, 1));
        return w.ToString();
    }
}
