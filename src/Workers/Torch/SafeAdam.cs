using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace Platform.Workers.Torch;

/// <summary>
/// Adam (Kingma and Ba) without weight decay or AMSGrad: m ← β₁m + (1-β₁)g; v ← β₂v + (1-β₂)g², then the step of
/// <see cref="AdamForm"/>: by default <c>torch.optim.Adam</c>'s, with the same order of libtorch operations.
/// </summary>
/// <remarks>
/// TorchSharp 0.107's Adam passes implicitly created Scalars to native code, which a collection on another thread can
/// free mid-call (see <see cref="SafeScalarOps"/>). This one keeps its constant Scalars in fields and its per-step ones in
/// locals, so a trial's optimiser step cannot read freed memory.
/// </remarks>
public sealed class SafeAdam : IDisposable
{
    private readonly Parameter[] _parameters;
    private readonly Tensor[] _expAvg;
    private readonly Tensor[] _expAvgSq;
    private readonly double _learningRate;
    private readonly double _beta1;
    private readonly double _beta2;
    private readonly AdamForm _form;
    private readonly Scalar _beta1Scalar;
    private readonly Scalar _oneMinusBeta1;
    private readonly Scalar _beta2Scalar;
    private readonly Scalar _oneMinusBeta2;
    private readonly Scalar _epsilon;
    private readonly Scalar _one = 1.ToScalar();

    public SafeAdam(IEnumerable<Parameter> parameters, double learningRate = 0.001, double beta1 = 0.9, double beta2 = 0.999, double epsilon = 1e-8,
        AdamForm form = AdamForm.Torch)
    {
        _parameters = [.. parameters];
        _expAvg = [.. _parameters.Select(p => torch.zeros_like(p).DetachFromDisposeScope())];
        _expAvgSq = [.. _parameters.Select(p => torch.zeros_like(p).DetachFromDisposeScope())];
        (_learningRate, _beta1, _beta2, _form) = (learningRate, beta1, beta2, form);
        _beta1Scalar = beta1.ToScalar();
        _oneMinusBeta1 = (1.0 - beta1).ToScalar();
        _beta2Scalar = beta2.ToScalar();
        _oneMinusBeta2 = (1.0 - beta2).ToScalar();
        _epsilon = epsilon.ToScalar();
    }

    /// <summary>The number of steps taken (Adam's t).</summary>
    public long Steps { get; private set; }

    public void Step()
    {
        using var noGrad = torch.no_grad();
        using var scope = torch.NewDisposeScope();
        Steps++;
        var biasCorrection1 = 1.0 - Math.Pow(_beta1, Steps);
        var biasCorrection2 = 1.0 - Math.Pow(_beta2, Steps);
        using var sqrtBiasCorrection2 = Math.Sqrt(biasCorrection2).ToScalar();
        using var negativeStepSize = (_form == AdamForm.TensorFlow
            ? -(_learningRate * Math.Sqrt(biasCorrection2) / biasCorrection1)
            : -(_learningRate / biasCorrection1)).ToScalar();
        for (var i = 0; i < _parameters.Length; i++)
        {
            var gradient = _parameters[i].grad;
            if (gradient is null)
            {
                continue;
            }

            _expAvg[i].mul_(_beta1Scalar).add_(gradient, _oneMinusBeta1);
            _expAvgSq[i].mul_(_beta2Scalar).addcmul_(gradient, gradient, _oneMinusBeta2);
            var denominator = _expAvgSq[i].sqrt();
            if (_form == AdamForm.Torch)
            {
                denominator.div_(sqrtBiasCorrection2);
            }

            denominator.add_(_epsilon, _one);
            _parameters[i].addcdiv_(_expAvg[i], denominator, negativeStepSize);
        }

        GC.KeepAlive(this); // the Scalars in fields must outlive the last native call above
    }

    public void ZeroGrad()
    {
        foreach (var parameter in _parameters)
        {
            parameter.grad?.zero_();
        }
    }

    public void Dispose()
    {
        foreach (var tensor in _expAvg.Concat(_expAvgSq))
        {
            tensor.Dispose();
        }

        foreach (var scalar in new[] { _beta1Scalar, _oneMinusBeta1, _beta2Scalar, _oneMinusBeta2, _epsilon, _one })
        {
            scalar.Dispose();
        }
    }
}
