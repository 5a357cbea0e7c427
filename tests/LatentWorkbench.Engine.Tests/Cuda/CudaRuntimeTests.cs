using LatentWorkbench.Engine.Cuda;

namespace LatentWorkbench.Engine.Tests.Cuda;

public class CudaRuntimeTests
{
    [Fact]
    public void RequestingCudaGivesTheGpuOrFallsBackSayingWhyOnce()
    {
        CudaRuntime.ResetFallbackReport();
        var first = new StringWriter();
        var second = new StringWriter();
        var a = CudaRuntime.Resolve(Device.Cuda, first);
        var b = CudaRuntime.Resolve(Device.Cuda, second);
        Assert.Equal(Device.Cpu, CudaRuntime.Resolve(Device.Cpu, second));
        if (CudaRuntime.IsAvailable)
        {
            Assert.Equal(Device.Cuda, a);
            Assert.Equal(Device.Cuda, b);
            Assert.Equal("", first.ToString() + second.ToString());
            Assert.Equal("", CudaRuntime.UnavailableReason);
            return;
        }
        Assert.Equal(Device.Cpu, a);
        Assert.Equal(Device.Cpu, b);
        Assert.Contains("CUDA requested but not available", first.ToString());
        Assert.Contains(CudaRuntime.UnavailableReason, first.ToString());
        Assert.NotEqual("", CudaRuntime.UnavailableReason);
        Assert.Equal("", second.ToString()); // said once
        var e = Assert.Throws<InvalidOperationException>(() => CudaRuntime.Context);
        Assert.Contains(CudaRuntime.UnavailableReason, e.Message);
    }

    [Theory]
    [InlineData("cpu", Device.Cpu)]
    [InlineData("CUDA", Device.Cuda)]
    [InlineData(" gpu ", Device.Cuda)]
    public void DeviceNamesParse(string text, Device expected) => Assert.Equal(expected, CudaRuntime.Parse(text));

    [Fact]
    public void UnknownDeviceNameIsRejectedByArgument()
    {
        var e = Assert.Throws<ArgumentException>(() => CudaRuntime.Parse("tpu", "--device"));
        Assert.Equal("--device", e.ParamName);
        Assert.Contains("expected cpu or cuda, got 'tpu'", e.Message);
    }
}
