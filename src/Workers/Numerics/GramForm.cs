namespace Platform.Workers.Numerics;

/// <summary>
/// When full-batch gradient descent on a fixed X (n features × m examples) may run its first layer in Gram form. The
/// update W ← W - lr·(1/m)·dZ·Xᵀ changes the first layer's product by W·X ← W·X - lr·(1/m)·dZ·(XᵀX), so with G = XᵀX
/// (m × m, computed once) a step costs n₁·m² multiply-adds instead of 2·n₁·n·m and never rereads X; W itself is recovered
/// when needed as W₀ - lr·(1/m)·(Σ_t dZ_t)·Xᵀ (one product). Equal in real arithmetic, not bit for bit: the sums run in
/// another order, so the EXACT tests of the jobs that use it (costs along training, accuracies) are its check.
/// It holds only for plain gradient descent with a constant learning rate and no term on W other than its gradient.
/// </summary>
public static class GramForm
{
    /// <summary>True when the Gram step is cheaper: m² &lt; 2·n·m, i.e. fewer examples than twice the features (cats: 209 vs 12288).</summary>
    public static bool Pays(long features, long examples) => examples < 2 * features;
}
