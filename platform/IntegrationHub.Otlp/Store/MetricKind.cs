namespace IntegrationHub.Otlp;

/// <summary>The OTLP metric data kinds the store keeps (exponential histograms and summaries are ignored).</summary>
public enum MetricKind
{
    Sum,
    Gauge,
    Histogram,
}
