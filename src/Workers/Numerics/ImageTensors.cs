using Platform.Workers.Data;
using TorchSharp;
using static TorchSharp.torch;

namespace Platform.Workers.Numerics;

/// <summary>An image set as the notebooks' float64 X (features, m) and Y (1, m) tensors (spec §0.2).</summary>
public static class ImageTensors
{
    /// <summary>
    /// X (features, m), /255, as the transposed view of an image-per-row tensor: the layout in which both products with X
    /// (W·X forward, dZ·Xᵀ backward) stream through memory in order.
    /// </summary>
    public static Tensor Columns(Hdf5ImageDataset set, Device? device = null) =>
        Float64Tensors.FromRowMajor(set.ScaledImageRows(), [set.Count, set.FeaturesPerImage], device).T;

    /// <summary>Y as a (1, m) float64 row of 0/1 labels.</summary>
    public static Tensor LabelRow(Hdf5ImageDataset set, Device? device = null) =>
        Float64Tensors.FromRowMajor(set.LabelRow(), [1, set.Count], device);
}
