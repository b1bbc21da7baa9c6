using Sweep.Analysis;

namespace Sweep.Grains.Interfaces;

/// <summary>
/// The wire form of an <see cref="AnalysisReport"/> between grains and clients: its contract JSON
/// (<see cref="ContractJson"/>), so the report's fields are declared once, in the analysis library, which knows
/// nothing of Orleans. Both ends see the typed report.
/// </summary>
[GenerateSerializer, Immutable]
public readonly struct AnalysisReportSurrogate(string json)
{
    [Id(0)] public readonly string Json = json;
}

[RegisterConverter]
public sealed class AnalysisReportSurrogateConverter : IConverter<AnalysisReport, AnalysisReportSurrogate>
{
    public AnalysisReport ConvertFromSurrogate(in AnalysisReportSurrogate surrogate) => ContractJson.Deserialize<AnalysisReport>(surrogate.Json);

    public AnalysisReportSurrogate ConvertToSurrogate(in AnalysisReport value) => new(ContractJson.Serialize(value));
}
