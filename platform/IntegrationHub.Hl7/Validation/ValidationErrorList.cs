namespace IntegrationHub.Hl7.Validation;

/// <summary>Collects errors up to the configured limit.</summary>
internal sealed class ValidationErrorList(int maxErrors)
{
    private readonly List<Hl7ValidationError> _errors = [];

    public bool IsFull => _errors.Count >= maxErrors;

    public IReadOnlyList<Hl7ValidationError> Errors => _errors;

    public void Add(Hl7ValidationErrorKind kind, string segmentId, int position, int? field, string message)
    {
        if (!IsFull)
        {
            _errors.Add(new Hl7ValidationError(kind, segmentId, position, field, message));
        }
    }
}
