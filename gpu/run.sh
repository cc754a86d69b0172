#!/usr/bin/env bash
# The whole GPU run in one go, on a machine with a CUDA build of PyTorch in python3 and no Java:
#  1. unpacks gpu/bundle.tar.xz (made by gpu/pack.sh: Java runtime, jars, JNI headers);
#  2. builds DJL 0.36's PyTorch binding (gpu/djl-pytorch-native, DJL's own sources) against that
#     PyTorch's libtorch, and puts it where DJL looks for it;
#  3. runs `contrastream bench` (pipeline, bare loop, PyTorch reference on the same device) at
#     batch 64 and 256 in float32 and at batch 256 in bfloat16 (--precision bf16), and writes the
#     figures, with the GPU's memory use, to $OUT (or the work folder's out/).
# `gpu/run.sh --cpu` is the dry run of every step on a machine without a GPU: the binding is built
# against the CPU PyTorch in python3 and the bench runs on --device cpu.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
device=gpu
[[ "${1:-}" == "--cpu" ]] && device=cpu
steps="${GPU_BENCH_STEPS:-400}"
# Unpacked runtime, the binding's build and DJL's cache: outside the repository.
work="${CONTRASTREAM_GPU_WORK:-${TMPDIR:-/tmp}/contrastream-gpu}"
out="${OUT:-$work/out}"
mkdir -p "$work" "$out"
log="$out/gpu-run.log"
exec > >(tee -a "$log") 2>&1
started=$(date +%s)
say() { echo "[gpu/run.sh +$(( $(date +%s) - started ))s] $*"; }

say "unpacking the bundle"
rm -rf "$work/bundle"
tar -C "$work" -xJf "$here/bundle.tar.xz"
java="$work/bundle/jre/bin/java"
"$java" -version 2>&1 | head -1

torch_dir="$(python3 -c 'import os, torch; print(os.path.dirname(torch.__file__))')"
torch_version="$(python3 -c 'import torch; print(torch.__version__.split("+")[0])')"
cuda="$(python3 -c 'import torch; print(torch.version.cuda or "")')"
flavor=cpu
[[ -n "$cuda" ]] && flavor="cu${cuda//./}"
say "PyTorch $torch_version ($flavor) in $torch_dir"
if [[ "$device" == gpu ]]; then
  nvidia-smi --query-gpu=name,memory.total,driver_version --format=csv,noheader
fi

say "building DJL's PyTorch binding against it"
src="$work/djl-pytorch-native"
rm -rf "$src"
cp -r "$here/djl-pytorch-native" "$src"
native="$src/engines/pytorch/pytorch-native"
mkdir -p "$native/build/include"
cp "$work/bundle/jni/include/ai_djl_pytorch_jni_PyTorchLibrary.h" "$native/build/include/"
use_cuda=()
[[ "$flavor" == cu* ]] && use_cuda=(-DUSE_CUDA=1)
(
  cd "$native/build"
  cmake -DCMAKE_BUILD_TYPE=Release -DCMAKE_PREFIX_PATH="$torch_dir/share/cmake" \
    -DJAVA_INCLUDE_PATH="$work/bundle/jni/include" -DJAVA_INCLUDE_PATH2="$work/bundle/jni/include/linux" \
    -DJAVA_JVM_LIBRARY="$work/bundle/jre/lib/server/libjvm.so" "${use_cuda[@]}" .. > cmake.log
  cmake --build . -- -j "$(nproc)" > build.log
  if [[ "$flavor" == cu* ]]; then
    # As DJL's own build.sh: link without the toolkit's libcudart/libnvrtc (libtorch brings its own).
    sed -i -r "s/\/usr\/local\/cuda(.{5})?\/lib64\/lib(cudart|nvrtc).so//g" CMakeFiles/djl_torch.dir/link.txt
    rm libdjl_torch.so
    . CMakeFiles/djl_torch.dir/link.txt
  fi
)
# DJL looks for <its version>-libdjl_torch.so in its cache under <torch version>-<flavor>-<platform>.
export ENGINE_CACHE_DIR="$work/djl-cache"
jni_dir="$ENGINE_CACHE_DIR/pytorch/$torch_version-$flavor-linux-x86_64"
mkdir -p "$jni_dir"
cp "$native/build/libdjl_torch.so" "$jni_dir/0.36.0-libdjl_torch.so"
export PYTORCH_LIBRARY_PATH="$torch_dir/lib" PYTORCH_VERSION="$torch_version" PYTORCH_FLAVOR="$flavor"
# DJL counts GPUs through libcudart, loaded by JNA: point JNA at the one this PyTorch came with.
jvm_flags=()
if [[ "$flavor" == cu* ]]; then
  cudart="$(find "$torch_dir/lib" "$torch_dir/../nvidia" /usr/local/cuda/lib64 /usr/local/cuda/targets \
    -name 'libcudart.so*' 2>/dev/null | head -1)"
  [[ -n "$cudart" ]] || { say "no libcudart found: DJL would see no GPU"; exit 1; }
  say "libcudart: $cudart"
  jvm_flags+=("-Djna.library.path=$(dirname "$cudart")")
fi
export GLIBC_TUNABLES="${GLIBC_TUNABLES:-glibc.malloc.mmap_threshold=33554432:glibc.malloc.trim_threshold=1073741824}"

run_bench() {
  local batch=$1 precision=$2
  local name="b$batch-$precision"
  say "bench on $device, batch $batch, $precision, $steps steps"
  if [[ "$device" == gpu ]]; then
    nvidia-smi --query-gpu=memory.used --format=csv,noheader,nounits -lms 500 > "$out/gpu-memory-$name.csv" &
    smi=$!
  fi
  "$java" -Xmx8g -Dai.djl.offline=true "${jvm_flags[@]}" -cp "$work/bundle/classes:$work/bundle/lib/*" \
    io.contrastream.launcher.Main bench --device "$device" --dataset synthetic \
    --batch-size "$batch" --precision "$precision" --steps "$steps" --python python3 \
    > "$out/bench-$name.txt" 2>"$out/bench-$name.err" || { tail -40 "$out/bench-$name.err"; return 1; }
  if [[ "$device" == gpu ]]; then
    kill "$smi"
    echo "peak GPU memory used: $(sort -n "$out/gpu-memory-$name.csv" | tail -1) MiB" >> "$out/bench-$name.txt"
  fi
  grep -v "^bench:" "$out/bench-$name.txt"
}
run_bench 64 fp32
run_bench 256 fp32
run_bench 256 bf16
say "done; figures in $out"
