using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace MLTabularExtensions.TorchSharp.Model;

/// <summary>
/// Every categorical column's embedding table in one flat parameter, looked up with one gather: position p of the
/// concatenated output reads <c>flat[start[p] + key[column[p]] · width[p]]</c>. One gather forward and one scatter-add
/// backward replace a lookup, a slice and a gradient per column (22 of each in the Rossmann lesson), which cost more
/// in libtorch dispatch than in arithmetic at these sizes.
/// </summary>
internal sealed class FusedEmbedding : nn.Module<Tensor, Tensor>
{
    private const string WeightName = "weight";
    private const string ColumnName = "column";
    private const string WidthName = "width";
    private const string StartName = "start";

    /// <summary>fastai's <c>std=0.01</c> for embeddings.</summary>
    public const double InitialScale = 0.01;

    private readonly long[] _offsets;
    private readonly IReadOnlyList<(long Cardinality, int Width)> _tables;

    /// <param name="tables">Each categorical column's cardinality and embedding width.</param>
    /// <param name="random">The trainer's generator, for the initial weights.</param>
    public FusedEmbedding(IReadOnlyList<(long Cardinality, int Width)> tables, Generator random) : base("FusedEmbedding")
    {
        _tables = tables;
        _offsets = new long[tables.Count + 1];
        var column = new List<long>();
        var width = new List<long>();
        var start = new List<long>();
        for (var i = 0; i < tables.Count; i++)
        {
            var (cardinality, tableWidth) = tables[i];
            _offsets[i + 1] = _offsets[i] + cardinality * tableWidth;
            for (var j = 0; j < tableWidth; j++)
            {
                column.Add(i);
                width.Add(tableWidth);
                start.Add(_offsets[i] + j);
            }
        }
        var flat = empty(_offsets[^1]);
        // fastai's embedding initialisation (its trunc_normal_: a standard normal folded into (-2, 2) by fmod, times
        // 0.01). TorchSharp 0.107's nn.init.trunc_normal_(t, 0, 0.01, a, b) fills every element with 0.01 (measured).
        // Held Scalars (see FlatAdamW on TorchSharp's Scalars).
        using var fold = 2.ToScalar();
        using var scale = InitialScale.ToScalar();
        using (no_grad()) flat.normal_(generator: random).fmod_(fold).mul_(scale);
        register_parameter(WeightName, new Parameter(flat));
        register_buffer(ColumnName, tensor(column.ToArray()));
        register_buffer(WidthName, tensor(width.ToArray()));
        register_buffer(StartName, tensor(start.ToArray()));
    }

    /// <summary>All tables, one after the other, row-major.</summary>
    public Parameter Weight => get_parameter(WeightName)!;

    /// <summary>Table <paramref name="index"/> as a [cardinality, width] view of <see cref="Weight"/>.</summary>
    /// <param name="index">The categorical column's position.</param>
    public Tensor Table(int index) =>
        Weight.narrow(0, _offsets[index], _offsets[index + 1] - _offsets[index]).view(_tables[index].Cardinality, _tables[index].Width);

    /// <summary>
    /// Per output position: the key column it reads, that column's table width and the position's start in
    /// <see cref="Weight"/> (the ONNX export repeats <see cref="forward"/>'s lookup with them).
    /// </summary>
    public (long[] Column, long[] Width, long[] Start) Layout() => (Buffer(ColumnName), Buffer(WidthName), Buffer(StartName));

    private long[] Buffer(string name) => get_buffer(name)!.data<long>().ToArray();

    /// <summary>The concatenated embeddings [N, Σ widths] of keys [N, columns] (key 0 = the missing/unseen row).</summary>
    public override Tensor forward(Tensor keys)
    {
        using var scope = NewDisposeScope();
        var positions = keys.index_select(1, get_buffer(ColumnName)!).to(int64)
            .mul_(get_buffer(WidthName)!).add_(get_buffer(StartName)!, alpha: Scalars.One);
        return Weight.index_select(0, positions.view(-1)).view(keys.shape[0], -1).MoveToOuterDisposeScope();
    }
}
