/*
 * oneMKL, linked into libtorch, picks its AVX2 kernels on AMD CPUs even when they have AVX-512, because it asks
 * this function whether the CPU is Intel's. Loaded with RTLD_GLOBAL before libtorch, this definition answers yes,
 * and float32 matrix multiplication on this project's AMD EPYC machine runs about 2.2x faster (benchmarks/RESULTS.md,
 * MatmulBenchmarks). Not supported by Intel: ProcessTuning.Apply() loads it only on AMD CPUs with AVX-512, and
 * MLTAB_MKL_AVX512=0 turns it off.
 */
int mkl_serv_intel_cpu_true(void) { return 1; }
