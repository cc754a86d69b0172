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

torch_dir="$(python3 -c 'import os, torch; print(os.path.dirname(torch.__file__))')" \
  || fail "python3 cannot import torch"
torch_version="$(python3 -c 'import torch; print(torch.__version__.split("+")[0])')"
cuda="$(python3 -c 'import torch; print(torch.version.cuda or "")')"
cxx11_abi="$(python3 -c 'import torch; print(int(torch._C._GLIBCXX_USE_CXX11_ABI))')"
flavor=cpu
[[ -n "$cuda" ]] && flavor="cu$(echo "$cuda" | cut -d. -f1,2 | tr -d .)"
say "PyTorch $torch_version ($flavor) in $torch_dir"
if [[ "$device" == gpu ]]; then
  [[ "$flavor" == cu* ]] || fail "python3's PyTorch is a CPU build; a GPU run needs a CUDA one"
  nvidia-smi --query-gpu=name,memory.total,driver_version --format=csv,noheader
  python3 -c 'import torch; print("torch sees", torch.cuda.device_count(), "GPU(s):", torch.cuda.get_device_name(0))'
  echo "nvcc: $(command -v nvcc || echo none) $(nvcc --version 2>/dev/null | tail -1)"
  echo "cmake: $(cmake --version | head -1); g++: $(g++ -dumpfullversion 2>/dev/null); cores: $(nproc)"
fi

# DJL's binding: first as DJL builds it (CMake, find_package(Torch), USE_CUDA for its two CUDA
# calls); if Torch's CMake package cannot be used here, straight with g++ against the headers and
# libraries in the torch package, without USE_CUDA (those two calls are for inference streams and
# emptying the cache, not training; CUDA kernels reach the binding through libtorch's dispatcher).
src="$work/djl-pytorch-native"
rm -rf "$src"
cp -r "$here/djl-pytorch-native" "$src"
native="$src/engines/pytorch/pytorch-native"
mkdir -p "$native/build/include"
cp "$work/bundle/jni/include/ai_djl_pytorch_jni_PyTorchLibrary.h" "$native/build/include/"

build_with_cmake() {
  local use_cuda=()
  [[ "$flavor" == cu* ]] && use_cuda=(-DUSE_CUDA=1)
  (
    set -e
    cd "$native/build"
    cmake -DCMAKE_BUILD_TYPE=Release -DCMAKE_PREFIX_PATH="$torch_dir/share/cmake" \
      -DJAVA_INCLUDE_PATH="$work/bundle/jni/include" -DJAVA_INCLUDE_PATH2="$work/bundle/jni/include/linux" \
      -DJAVA_JVM_LIBRARY="$work/bundle/jre/lib/server/libjvm.so" "${use_cuda[@]}" .. > cmake.log 2>&1 \
      || { tail -30 cmake.log; exit 1; }
    cmake --build . -- -j "$(nproc)" > build.log 2>&1 || { grep -m 20 -B2 -A8 "error" build.log; exit 1; }
    if [[ "$flavor" == cu* ]]; then
      # As DJL's own build.sh: link without the toolkit's libcudart/libnvrtc (libtorch brings its own).
      sed -i -r "s/\/usr\/local\/cuda(.{5})?\/lib64\/lib(cudart|nvrtc).so//g" CMakeFiles/djl_torch.dir/link.txt
      rm libdjl_torch.so
      ORIGIN='$ORIGIN' . CMakeFiles/djl_torch.dir/link.txt # the line holds -rpath,$ORIGIN unquoted
    fi
  )
}

build_with_gxx() {
  (
    set -e
    cd "$native/build"
    rm -rf direct && mkdir direct
    local flags=(-O2 -fPIC -std=c++17 -D_GLIBCXX_USE_CXX11_ABI="$cxx11_abi"
      -Iinclude -I"$work/bundle/jni/include" -I"$work/bundle/jni/include/linux" -I"$src/api/src/main/native"
      -isystem "$torch_dir/include" -isystem "$torch_dir/include/torch/csrc/api/include")
    export flags_line="${flags[*]}"
    ls ../src/main/native/*.cc | xargs -P "$(nproc)" -I{} sh -c 'g++ $flags_line -c {} -o direct/$(basename {} .cc).o' \
      > direct.log 2>&1 || { grep -m 20 -A8 "error" direct.log; exit 1; }
    local libs=(-ltorch -ltorch_cpu -lc10)
    [[ "$flavor" == cu* ]] && libs+=(-ltorch_cuda -lc10_cuda)
    g++ -shared -o libdjl_torch.so direct/*.o -L"$torch_dir/lib" -Wl,--no-as-needed "${libs[@]}" \
      -Wl,-rpath,'$ORIGIN'
  )
}

# DJL looks for <its version>-libdjl_torch.so in its cache under <torch version>-<flavor>-<platform>.
export ENGINE_CACHE_DIR="$work/djl-cache"
jni_dir="$ENGINE_CACHE_DIR/pytorch/$torch_version-$flavor-linux-x86_64"
mkdir -p "$jni_dir"
install_binding() {
  ldd "$native/build/libdjl_torch.so" | grep "not found" \
    && say "(ldd does not find those; DJL loads them from $torch_dir/lib before the binding)"
  cp "$native/build/libdjl_torch.so" "$jni_dir/0.36.0-libdjl_torch.so"
  cp "$native/build/"*.log "$out/" 2>/dev/null
}

say "building DJL's PyTorch binding against it"
built_by=cmake
if [[ "${GPU_BINDING_BUILD:-cmake}" == cmake ]] && build_with_cmake; then
  say "binding built with CMake"
else
  say "CMake build did not work here; building with g++ directly"
  built_by=g++
  build_with_gxx || fail "the binding does not build against this PyTorch"
  say "binding built with g++"
fi
install_binding
export PYTORCH_LIBRARY_PATH="$torch_dir/lib" PYTORCH_VERSION="$torch_version" PYTORCH_FLAVOR="$flavor"
# DJL counts GPUs through libcudart, loaded by JNA: point JNA at the one this PyTorch came with.
jvm_flags=()
if [[ "$flavor" == cu* ]]; then
  cudart="$(find "$torch_dir/lib" "$torch_dir/../nvidia" /usr/local/cuda/lib64 /usr/local/cuda/targets \
    -name 'libcudart.so*' 2>/dev/null | head -1)"
  [[ -n "$cudart" ]] || fail "no libcudart found: DJL would see no GPU"
  say "libcudart: $cudart"
  jvm_flags+=("-Djna.library.path=$(dirname "$cudart")")
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
  build_with_gxx || fail "the binding does not build with g++ either"
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
