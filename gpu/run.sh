#!/usr/bin/env bash
# The whole GPU run in one go, on a machine with a CUDA build of PyTorch in python3 and no Java:
#  1. unpacks gpu/bundle.tar.xz (made by gpu/pack.sh: Java runtime, jars, JNI headers);
#  2. builds DJL 0.36's PyTorch binding (gpu/djl-pytorch-native, DJL's own sources) against that
#     PyTorch's libtorch, and puts it where DJL looks for it;
#  3. runs `contrastream bench` (pipeline, bare loop, PyTorch reference on the same device) at
#     batch 64 and 256 in float32 and at batch 256 in bfloat16 (--precision bf16), and writes the
#     figures, with the GPU's memory use, to its log;
#  4. if time is left, a short `contrastream demo` on the device, evaluations included.
# GPU_BENCHES (batch:precision, default "64:fp32 256:fp32 256:bf16") and GPU_DEMO_STEPS (1000; 0 =
# no demo) choose a shorter run.
# `gpu/run.sh --cpu` is the dry run of every step on a machine without a GPU: the binding is built
# against the CPU PyTorch in python3 and the bench runs on --device cpu.
# A GPU machine may be lent for minutes, once: every step logs, a failed step says why and what
# it saw, and the run stops before GPU_RUN_BUDGET_S (default 480) seconds have passed. What comes
# back: $OUT/gpu-run.log (everything printed) and $OUT/gpu-run-details.tar.gz (each step's output).
set -uo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
device=gpu
[[ "${1:-}" == "--cpu" ]] && device=cpu
steps="${GPU_BENCH_STEPS:-400}"
budget="${GPU_RUN_BUDGET_S:-480}"
# Unpacked runtime, the binding's build and DJL's cache: outside the repository.
work="${CONTRASTREAM_GPU_WORK:-${TMPDIR:-/tmp}/contrastream-gpu}"
back="${OUT:-$work}"
out="$work/out"
rm -rf "$out"
mkdir -p "$out" "$back"
exec > >(tee -a "$back/gpu-run.log") 2>&1
trap 'tar -C "$work" -czf "$back/gpu-run-details.tar.gz" out' EXIT
started=$(date +%s)
say() { echo "[gpu/run.sh +$(( $(date +%s) - started ))s] $*"; }
left() { echo $(( budget - ($(date +%s) - started) )); }
fail() { say "FAILED: $*"; exit 1; }

say "unpacking the bundle"
rm -rf "$work/bundle"
tar -C "$work" -xJf "$here/bundle.tar.xz" || fail "cannot unpack $here/bundle.tar.xz (run gpu/pack.sh)"
java="$work/bundle/jre/bin/java"
"$java" -version 2>&1 | head -1

# shellcheck source=gpu/binding.sh
. "$here/binding.sh"
binding_probe python3 || fail "python3 cannot import torch"
say "PyTorch $torch_version ($flavor) in $torch_dir"
if [[ "$device" == gpu ]]; then
  [[ "$flavor" == cu* ]] || fail "python3's PyTorch is a CPU build; a GPU run needs a CUDA one"
  nvidia-smi --query-gpu=name,memory.total,driver_version --format=csv,noheader
  python3 -c 'import torch; print("torch sees", torch.cuda.device_count(), "GPU(s):", torch.cuda.get_device_name(0))'
  echo "nvcc: $(command -v nvcc || echo none) $(nvcc --version 2>/dev/null | tail -1)"
  echo "cmake: $(cmake --version | head -1); g++: $(g++ -dumpfullversion 2>/dev/null); cores: $(nproc)"
fi

# DJL's binding: first as DJL builds it (CMake); if Torch's CMake package cannot be used here,
# straight with g++ (gpu/binding.sh says how each differs).
jni_include="$work/bundle/jni/include"
binding_sources "$work" "$jni_include"
export ENGINE_CACHE_DIR="$work/djl-cache"
install_binding() {
  binding_install "$ENGINE_CACHE_DIR"
  ldd "$binding_dir/libdjl_torch.so" | grep "not found" \
    && say "(ldd does not find those; DJL loads them from $torch_dir/lib before the binding)"
  cp "$binding_dir/"*.log "$out/" 2>/dev/null
}

say "building DJL's PyTorch binding against it"
built_by=cmake
if [[ "${GPU_BINDING_BUILD:-cmake}" == cmake ]] && binding_build_cmake "$jni_include" "$work/bundle/jre/lib/server/libjvm.so"; then
  say "binding built with CMake"
else
  say "CMake build did not work here; building with g++ directly"
  built_by=g++
  binding_build_gxx "$jni_include" || fail "the binding does not build against this PyTorch"
  say "binding built with g++"
fi
install_binding
binding_env "$ENGINE_CACHE_DIR"
jvm_flags=()
if [[ "$flavor" == cu* ]]; then
  cudart_dir="$(binding_cudart_dir)" || fail "no libcudart found: DJL would see no GPU"
  say "libcudart: $cudart_dir"
  jvm_flags+=("-Djna.library.path=$cudart_dir")
fi
export GLIBC_TUNABLES="${GLIBC_TUNABLES:-glibc.malloc.mmap_threshold=33554432:glibc.malloc.trim_threshold=1073741824}"
contrastream=("$java" -Xmx8g -Dai.djl.offline=true "${jvm_flags[@]}" -cp "$work/bundle/classes:$work/bundle/lib/*"
  io.contrastream.launcher.Main)

# GPU memory in use, sampled twice a second while $1 runs: total, and per process where visible.
watch_gpu_memory() {
  [[ "$device" == gpu ]] || return 0
  nvidia-smi --query-gpu=memory.used --format=csv,noheader,nounits -lms 500 > "$out/gpu-memory-$1.csv" 2>/dev/null &
  smi_total=$!
  nvidia-smi --query-compute-apps=pid,process_name,used_memory --format=csv,noheader,nounits -lms 500 \
    > "$out/gpu-apps-$1.csv" 2>/dev/null &
  smi_apps=$!
}
report_gpu_memory() {
  [[ "$device" == gpu ]] || return 0
  kill "$smi_total" "$smi_apps" 2>/dev/null
  echo "peak GPU memory used (whole GPU, MiB): $(sort -n "$out/gpu-memory-$1.csv" | tail -1)"
  # Java (the service and the bare loop) and python3 (the reference), each at its peak.
  awk -F', *' '$1 ~ /^[0-9]+$/ { n = $2; sub(".*/", "", n); if ($3 + 0 > peak[n]) peak[n] = $3 + 0 }
    END { for (n in peak) printf "peak GPU memory of %s (MiB): %d\n", n, peak[n] }' "$out/gpu-apps-$1.csv"
}

run_bench() {
  local batch=$1 precision=$2
  local name="b$batch-$precision"
  (( $(left) > 90 )) || { say "skipping bench $name: $(left) s left"; return 2; }
  say "bench on $device, batch $batch, $precision, $steps steps"
  watch_gpu_memory "$name"
  timeout "$(( $(left) - 20 ))" "${contrastream[@]}" bench --device "$device" --dataset synthetic \
    --batch-size "$batch" --precision "$precision" --steps "$steps" --python python3 > "$out/bench-$name.txt" 2> "$out/bench-$name.err"
  local rc=$?
  report_gpu_memory "$name" >> "$out/bench-$name.txt"
  if (( rc != 0 )); then
    say "bench $name failed (exit $rc); its last lines:"
    tail -60 "$out/bench-$name.err"
    return 1
  fi
  grep -v "^bench:" "$out/bench-$name.txt"
}

first_bench_failed() {
  say "the first bench failed: what DJL and the loader saw"
  grep -i -m 20 "djl\|torch\|cuda\|UnsatisfiedLink\|Exception" "$out/bench-b${benches[0]%:*}-${benches[0]#*:}.err"
  ls "$torch_dir/lib"
}
read -r -a benches <<< "${GPU_BENCHES:-64:fp32 256:fp32 256:bf16}"
if ! run_bench "${benches[0]%:*}" "${benches[0]#*:}"; then
  first_bench_failed
  [[ "$built_by" == cmake ]] || exit 1
  say "trying again with the binding built by g++ (without USE_CUDA)"
  first="b${benches[0]%:*}-${benches[0]#*:}"
  mv "$out/bench-$first.err" "$out/bench-$first-cmake-binding.err"
  binding_build_gxx "$jni_include" || fail "the binding does not build with g++ either"
  install_binding
  run_bench "${benches[0]%:*}" "${benches[0]#*:}" || { first_bench_failed; exit 1; }
fi
for bench in "${benches[@]:1}"; do
  run_bench "${bench%:*}" "${bench#*:}"
done

# The service as a user runs it, evaluations (kNN, linear probe on the device) included.
demo_steps="${GPU_DEMO_STEPS:-1000}"
if (( demo_steps == 0 )); then
  say "no demo (GPU_DEMO_STEPS=0)"
elif (( $(left) > 100 )); then
  say "demo on $device, $demo_steps steps"
  watch_gpu_memory demo
  timeout "$(( $(left) - 15 ))" "${contrastream[@]}" demo --device "$device" --dataset synthetic \
    --max-steps "$demo_steps" --knn-every 500 --metrics-port -1 > "$out/demo.txt" 2>&1
  echo "demo exit $?" >> "$out/demo.txt"
  report_gpu_memory demo >> "$out/demo.txt"
  tail -25 "$out/demo.txt"
else
  say "no time left for the demo ($(left) s)"
fi
say "done; figures above, each step's output in $back/gpu-run-details.tar.gz"
