/*
 * oneMKL, linked into libtorch, asks this function whether the CPU is Intel's before it picks its kernels; on AMD it
 * then settles for narrower ones than the CPU has. Loaded with RTLD_GLOBAL before libtorch, this definition answers
 * yes, and oneMKL picks by the CPU's features: float32 matrix multiplication runs about 2.3x faster on this project's
 * AVX-512 AMD EPYC machines and 1.8x on an AVX2-only one (benchmarks/RESULTS.md, MatmulBenchmarks). Not supported by
 * Intel: ProcessTuning.Apply() loads it only on AMD CPUs with AVX2, and MLTAB_MKL_AMD=0 turns it off.
 */
int mkl_serv_intel_cpu_true(void) { return 1; }
