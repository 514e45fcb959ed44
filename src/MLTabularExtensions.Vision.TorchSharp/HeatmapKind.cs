namespace MLTabularExtensions.Vision.TorchSharp;

/// <summary>Which map of the last convolutional block the <c>Heatmap</c> column holds.</summary>
public enum HeatmapKind
{
    /// <summary>The lesson's map: the mean over channels of the last block's activations (class-agnostic).</summary>
    ChannelMean,

    /// <summary>Class activation map (Zhou et al. 2016): the activations weighted by the predicted class's output weights.</summary>
    ClassActivation,

    /// <summary>
    /// Grad-CAM (Selvaraju et al. 2017) for the predicted class: ReLU of the activations weighted by the spatial mean
    /// of the class score's gradient. With global average pooling and a linear head this is computed in closed form,
    /// so the ONNX graph produces it without back-propagation.
    /// </summary>
    GradCam,
}
