using Microsoft.ML;
using Microsoft.ML.Data;
using MLTabularExtensions.Scoring;
using MLTabularExtensions.TorchSharp;
using MLTabularExtensions.TorchSharp.Onnx;

namespace MLTabularExtensions.Vision.TorchSharp;

/// <summary>
/// A trained ImageCnn scored by ML.NET's <c>OnnxTransformer</c> (the network exported to ONNX in eval mode) and
/// built-in steps that emit <c>Score</c> (class probabilities), key-typed <c>PredictedLabel</c> (with the label's
/// class names) and the heatmap
/// column (Single [h, w]). A saved model loads with <c>mlContext.RegisterTabularExtensions().Model.Load</c> and needs
/// ONNX Runtime, not TorchSharp. Dispose it (or the loaded model) to delete the temporary copy of the graph that ONNX
/// Runtime scores from; the copies of transformers still alive at process exit are deleted then.
/// </summary>
public sealed class ImageCnnTransformer : OnnxScoredTransformer
{
    private readonly ImageColumns _columns;
    private readonly ImageCnnOptions _options;
    private readonly ImageCnnShape _shape;
    private readonly IReadOnlyDictionary<HeatmapChoice, byte[]> _graphs;
    private readonly IDataView _trainingData;
    private readonly HeatmapChoice _heatmap;

    private ImageCnnTransformer(ITransformer inner, ImageColumns columns, ImageCnnOptions options, ImageCnnShape shape,
        IReadOnlyDictionary<HeatmapChoice, byte[]> graphs, HeatmapChoice heatmap, IDataView trainingData, OnnxGraphFile graphFile) : base(inner, graphFile)
    {
        _columns = columns;
        _options = options;
        _shape = shape;
        _graphs = graphs;
        _trainingData = trainingData;
        _heatmap = heatmap;
        OnnxModel = graphs[heatmap];
        HeatmapSize = (shape.HeatmapHeight, shape.HeatmapWidth);
    }

    /// <summary>Which map the heatmap column holds.</summary>
    public HeatmapKind Heatmap => _heatmap.Kind;

    /// <summary>Whether the heatmap is averaged with the mirrored map of the mirror image.</summary>
    public bool FlipAveragedHeatmap => _heatmap.FlipAveraged;

    /// <summary>Whether the heatmap is smoothed (see <see cref="ImageCnnOptions.SmoothedHeatmap"/>).</summary>
    public bool SmoothedHeatmap => _heatmap.Smoothed;

    /// <summary>The exported network (ONNX protobuf bytes).</summary>
    public IReadOnlyList<byte> OnnxModel { get; }

    /// <summary>Rows and columns of the heatmap (the last block's resolution).</summary>
    public (int Height, int Width) HeatmapSize { get; }

    /// <summary>The same trained network with another heatmap in its heatmap column (a new scoring chain; dispose it too).</summary>
    /// <param name="kind">The map to produce.</param>
    /// <param name="flipAveraged">Whether to average it with the mirrored map of the mirror image.</param>
    /// <param name="smoothed">Whether to smooth it (see <see cref="ImageCnnOptions.SmoothedHeatmap"/>).</param>
    public ImageCnnTransformer WithHeatmap(HeatmapKind kind, bool flipAveraged = false, bool smoothed = false) =>
        Create(_columns, _options, _shape, _graphs, new HeatmapChoice(kind, flipAveraged, smoothed), _trainingData);

    internal static ImageCnnTransformer Create(ImageColumns columns, ImageCnnOptions options, ImageCnnShape shape,
        IReadOnlyDictionary<HeatmapChoice, byte[]> graphs, HeatmapChoice heatmap, IDataView trainingData)
    {
        var context = new MLContext();
        var graphFile = new OnnxGraphFile(graphs[heatmap]);
        var chain = new EstimatorChain<ITransformer>().Append<ITransformer>(graphFile.Scorer(context,
            [RawOutputRow.Column, RawClassRow.Column, options.HeatmapColumnName], [columns.Features]));
        chain = MulticlassScoringChain.Append(chain, context, shape.Classes, trainingData.Schema[options.LabelColumnName]);
        return new ImageCnnTransformer(graphFile.Fit(chain, trainingData), columns, options, shape, graphs, heatmap, trainingData, graphFile);
    }

    /// <inheritdoc />
    protected override void ValidateInput(DataViewSchema schema) =>
        _columns.CheckSame(ImageColumns.Resolve(schema, _options, "the data to score", requireLabel: false), "the data to score");
}
