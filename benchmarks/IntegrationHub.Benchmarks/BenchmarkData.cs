namespace IntegrationHub.Benchmarks;

/// <summary>The sample messages shipped beside the repository (shared/samples), with CR separators.</summary>
public static class BenchmarkData
{
    /// <summary>
    /// A typical 1.7 KB ADT^A28: the PHW sample plus the next-of-kin, visit, observation, allergy and diagnosis
    /// segments real feeds carry. Built from the sample so no patient data is invented beyond placeholders.
    /// </summary>
    public static string TypicalAdt()
    {
        var text = Sample("phw-to-mpi.sample.hl7").TrimEnd('\r');
        string[] extra =
        [
            "NK1|1|MYSURNAME^PARTNER^^^MRS|SPO^Spouse^HL70063|99, MY ROAD^MY PLACE^MY CITY^MY COUNTY^SA99 1XX^^H|01234 567890^PRN^PH||NOK^Next of kin^HL70131",
            "NK1|2|MYSURNAME^CHILD^^^MS|CHD^Child^HL70063|1 OTHER ROAD^OTHER PLACE^OTHER CITY^^SB11 2YY^^H|01234 000000^PRN^PH",
            "PV2|||^Routine review||||||||||||||||||||||||N",
            "OBX|1|NM|8302-2^Body height^LN||175|cm^centimetre^UCUM|||||F|||20250501120000",
            "OBX|2|NM|29463-7^Body weight^LN||72.5|kg^kilogram^UCUM|||||F|||20250501120000",
            "OBX|3|ST|X-NOTE^Free text note^L||Seen in clinic \\T\\ reviewed by GP \\F\\ no change||||||F",
            "AL1|1|DA|70618^Penicillin^RXNORM|SV|Rash^Skin rash|20100101",
            "AL1|2|FA|256349002^Peanut^SCT|MO|Swelling|20120606",
            "DG1|1|I10|E11.9^Type 2 diabetes mellitus without complications^I10|Type 2 diabetes|20150101|F",
            "DG1|2|I10|I10^Essential (primary) hypertension^I10|Hypertension|20160202|F",
            "GT1|1|G1^^^252^PI|MYSURNAME^MYFNAME^^^MR||99, MY ROAD^MY PLACE^MY CITY^MY COUNTY^SA99 1XX^^H|01234 567890",
            "ZPD|1|LOCAL^Local extension^L|Y",
        ];
        return text + "\r" + string.Join('\r', extra) + "\r";
    }

    /// <summary>A path inside shared/ beside the checkout.</summary>
    public static string SharedPath(string name)
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var path = Path.Combine(dir.FullName, "shared", name);
            if (Directory.Exists(path) || File.Exists(path))
            {
                return path;
            }
        }

        throw new DirectoryNotFoundException($"shared/{name} was not found beside the checkout.");
    }

    public static string Sample(string name)
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var path = Path.Combine(dir.FullName, "shared", "samples", name);
            if (File.Exists(path))
            {
                return File.ReadAllText(path).Replace("\r\n", "\r", StringComparison.Ordinal).Replace('\n', '\r');
            }
        }

        throw new FileNotFoundException($"shared/samples/{name} was not found beside the checkout.");
    }
}
