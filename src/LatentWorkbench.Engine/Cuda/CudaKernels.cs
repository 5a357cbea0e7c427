using System.Runtime.InteropServices;
using System.Text;

namespace LatentWorkbench.Engine.Cuda;

/// <summary>
/// The point-wise kernels of the GPU path, compiled from CUDA C at run time with NVRTC for the device's compute
/// capability (so no toolkit is needed at build time and no PTX is shipped). GEMMs go to cuBLAS instead.
/// </summary>
internal sealed unsafe class CudaKernels : IDisposable
{
    /// <summary>Activation codes shared with the kernel source.</summary>
    public enum Activation { None = 0, Relu = 1, LeakyRelu = 2, Sigmoid = 3, Tanh = 4 }

    // y[i] = act(y[i] + bias[i % cols]) over rows * cols elements; bias may be null. Same formulas as the CPU plan:
    // LeakyReLU scales values <= 0, sigmoid is 1 / (1 + e^-x).
    internal const string Source = """
        extern "C" __global__ void bias_act(float* y, const float* bias, int rows, int cols, int act, float slope)
        {
            long long i = (long long)blockIdx.x * blockDim.x + threadIdx.x;
            long long n = (long long)rows * cols;
            if (i >= n) return;
            float v = y[i];
            if (bias != 0) v += bias[i % cols];
            if (act == 1) v = v > 0.0f ? v : 0.0f;
            else if (act == 2) v = v > 0.0f ? v : slope * v;
            else if (act == 3) v = 1.0f / (1.0f + expf(-v));
            else if (act == 4) v = tanhf(v);
            y[i] = v;
        }
        """;

    private const int ThreadsPerBlock = 256;
    private readonly CudaContext _context;
    private readonly nint _module;
    private readonly nint _biasAct;

    public CudaKernels(CudaContext context)
    {
        _context = context;
        var api = context.Api;
        byte[] ptx = Compile(api, Source, $"--gpu-architecture=compute_{context.ComputeCapability.Major}{context.ComputeCapability.Minor}");
        context.MakeCurrent();
        nint module;
        fixed (byte* image = ptx) api.Check(api.cuModuleLoadData(&module, image), "cuModuleLoadData");
        _module = module;
        nint function;
        fixed (byte* name = "bias_act\0"u8) api.Check(api.cuModuleGetFunction(&function, module, name), "cuModuleGetFunction(bias_act)");
        _biasAct = function;
    }

    /// <summary>y = act(y + bias) in place on a [rows, cols] row-major buffer; <paramref name="bias"/> may be null.</summary>
    public void BiasActivation(DeviceBuffer y, DeviceBuffer? bias, int rows, int cols, Activation activation, float slope = 0f)
    {
        long n = (long)rows * cols;
        if (n == 0) return;
        if (n > y.Length) throw new ArgumentException($"{rows} x {cols} exceeds a device buffer of {y.Length}", nameof(y));
        ulong yPointer = y.Pointer, biasPointer = bias?.Pointer ?? 0;
        int act = (int)activation;
        void** args = stackalloc void*[6];
        args[0] = &yPointer;
        args[1] = &biasPointer;
        args[2] = &rows;
        args[3] = &cols;
        args[4] = &act;
        args[5] = &slope;
        uint blocks = (uint)((n + ThreadsPerBlock - 1) / ThreadsPerBlock);
        _context.MakeCurrent();
        _context.Api.Check(_context.Api.cuLaunchKernel(_biasAct, blocks, 1, 1, ThreadsPerBlock, 1, 1, 0, 0, args, null), "cuLaunchKernel(bias_act)");
    }

    /// <summary>Compiles CUDA C to PTX; a compile error throws with NVRTC's log.</summary>
    internal static byte[] Compile(CudaApi api, string source, params string[] options)
    {
        nint program;
        var src = Encoding.UTF8.GetBytes(source + "\0");
        fixed (byte* s = src, name = "latentworkbench.cu\0"u8)
            api.CheckNvrtc(api.nvrtcCreateProgram(&program, s, name, 0, null, null), "nvrtcCreateProgram");
        try
        {
            var optionBytes = options.Select(o => Marshal.StringToHGlobalAnsi(o)).ToArray();
            try
            {
                byte** optionPointers = stackalloc byte*[optionBytes.Length];
                for (int i = 0; i < optionBytes.Length; i++) optionPointers[i] = (byte*)optionBytes[i];
                int result = api.nvrtcCompileProgram(program, optionBytes.Length, optionPointers);
                if (result != 0)
                {
                    nuint logSize;
                    api.CheckNvrtc(api.nvrtcGetProgramLogSize(program, &logSize), "nvrtcGetProgramLogSize");
                    var log = new byte[(int)logSize];
                    fixed (byte* l = log) api.CheckNvrtc(api.nvrtcGetProgramLog(program, l), "nvrtcGetProgramLog");
                    throw new CudaException("nvrtcCompileProgram", result, Encoding.UTF8.GetString(log).TrimEnd('\0', '\n'));
                }
            }
            finally
            {
                foreach (var p in optionBytes) Marshal.FreeHGlobal(p);
            }
            nuint size;
            api.CheckNvrtc(api.nvrtcGetPTXSize(program, &size), "nvrtcGetPTXSize");
            var ptx = new byte[(int)size];
            fixed (byte* p = ptx) api.CheckNvrtc(api.nvrtcGetPTX(program, p), "nvrtcGetPTX");
            return ptx;
        }
        finally
        {
            api.nvrtcDestroyProgram(&program);
        }
    }

    public void Dispose()
    {
        _context.MakeCurrent();
        _context.Api.Check(_context.Api.cuModuleUnload(_module), "cuModuleUnload");
    }
}
