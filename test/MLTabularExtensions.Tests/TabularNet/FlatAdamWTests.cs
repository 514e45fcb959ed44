using MLTabularExtensions.TorchSharp.Training;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace MLTabularExtensions.Tests.TabularNet;

public sealed class FlatAdamWTests
{
    // On the CPU the step is AdamWKernel's one pass; without it, libtorch's operations as on other devices.
    [TestCase(true)]
    [TestCase(false)]
    public void Steps_MatchTorchAdamW_WithDecayOnlyOnTheDecayedGroup_AndLeaveTheGradientsAtZero(bool cpuKernel)
    {
        manual_seed(7);
        using var reference = nn.Sequential(("a", nn.Linear(5, 4)), ("b", nn.Linear(4, 2)));
        using var flat = nn.Sequential(("a", nn.Linear(5, 4)), ("b", nn.Linear(4, 2)));
        using (no_grad())
        {
            foreach (var (source, copy) in reference.parameters().Zip(flat.parameters())) copy.copy_(source);
        }
        Parameter[] Weights(Sequential s) => [.. s.named_parameters().Where(p => p.name.EndsWith("weight", StringComparison.Ordinal)).Select(p => p.parameter)];
        Parameter[] Biases(Sequential s) => [.. s.named_parameters().Where(p => p.name.EndsWith("bias", StringComparison.Ordinal)).Select(p => p.parameter)];
        using var adam = optim.AdamW([new AdamW.ParamGroup(Weights(reference), new AdamW.Options { weight_decay = 0.2 }),
            new AdamW.ParamGroup(Biases(reference), new AdamW.Options { weight_decay = 0 })], lr: 0.01, beta1: 0.9, beta2: 0.99, eps: 1e-5);
        using var flatAdam = new FlatAdamW(Weights(flat), Biases(flat), 0.2, 0.99, 1e-5, cpuKernel);
        // 28 weights and 6 biases: the kernel's vector loop and its scalar tail.
        var input = randn(8, 5);
        var target = randn(8, 2);

        for (var step = 0; step < 5; step++)
        {
            var (rate, beta1) = (0.01 * (step + 1), 0.95 - 0.02 * step);
            foreach (var group in adam.ParamGroups.Cast<AdamW.ParamGroup>())
            {
                group.LearningRate = rate;
                group.Betas = (beta1, 0.99);
            }
            adam.zero_grad();
            nn.functional.mse_loss(reference.forward(input), target).backward();
            adam.step();
            nn.functional.mse_loss(flat.forward(input), target).backward();
            flatAdam.Step(rate, beta1);
            Assert.That(flat.parameters().All(p => p.grad!.abs().max().item<float>() == 0), Is.True, "gradients zeroed by the step");
        }

        foreach (var (expected, actual) in reference.parameters().Zip(flat.parameters()))
        {
            var difference = (expected - actual).abs().max().item<float>();
            Assert.That(difference, Is.LessThan(1e-6));
        }
        Assert.That(flat.parameters().First().grad, Is.Not.Null);
    }

    [TestCase(true)]
    [TestCase(false)]
    public void FirstMomentOfAGradientThatStopped_IsZeroedOnceSubnormal_NotLeftToDecay(bool cpuKernel)
    {
        // 20 parameters: the kernel's vector loop and its scalar tail.
        using var weight = new Parameter(ones(20));
        using var adam = new FlatAdamW([weight], [], 0, 0.99, 1e-5, cpuKernel);
        weight.grad!.fill_(1e-29f);
        adam.Step(0.01, 0.9);
        float Largest() => adam.FirstMoment.abs().max().item<float>();

        // With no gradient the moment is 1e-30 · 0.9^(step - 1): normal until step 174, subnormal from step 175 to ~325.
        for (var step = 2; step <= 168; step++) adam.Step(0.01, 0.9);
        Assert.That(Largest(), Is.EqualTo(1e-30 * Math.Pow(0.9, 167)).Within(0.01).Percent, "a normal moment is left alone");
        for (var step = 169; step <= 200; step++) adam.Step(0.01, 0.9);
        Assert.That(1e-30 * Math.Pow(0.9, 199), Is.GreaterThan(float.Epsilon), "float would still hold it, as a subnormal");
        Assert.That(Largest(), Is.Zero);
    }
}
