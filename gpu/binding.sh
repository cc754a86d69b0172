# DJL 0.36's PyTorch binding (libdjl_torch.so), built from gpu/djl-pytorch-native (DJL's sources
# with two patches: bfloat16, and casts inside autograd) against the libtorch of a Python's
# PyTorch, and installed where DJL looks for it. DJL's prebuilt binding fits libtorch 2.7.1 only
# and cannot run --precision bf16.
#
# Sourced, not run: by gpu/run.sh on a GPU machine (JNI headers from its bundle) and by
# ./contrastream when CONTRASTREAM_TORCH names a Python (headers from the local JDK). In order:
#   binding_probe <python>         sets torch_dir, torch_version, flavor (cpu or cuXYZ), cxx11_abi
#   binding_sources <work> <jni header dir>
#                                  copies the sources to <work>; sets binding_dir (the build folder)
#   binding_build_cmake <jni include dir> <libjvm.so>
#                                  as DJL builds it: CMake, find_package(Torch), USE_CUDA for CUDA
#   binding_build_gxx <jni include dir>
#                                  straight with g++ against the torch package, where its CMake
#                                  package cannot be used (without USE_CUDA: its two calls are for
#                                  inference streams and emptying the cache, not training)
#   binding_install <engine cache dir>
#   binding_env <engine cache dir> exports what DJL reads to load this libtorch and binding
#   binding_cudart_dir             where the libcudart of a CUDA PyTorch lies: DJL counts GPUs
#                                  through a libcudart that it loads with JNA (-Djna.library.path)
# Or all in one on a machine with a JDK: binding_ready <python> <folder>.
# Each prints why it failed and returns non-zero.

binding_here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"

binding_probe() {
  local python="$1"
  torch_dir="$("$python" -c 'import os, torch; print(os.path.dirname(torch.__file__))' 2>/dev/null)" \
    || { echo "binding: $python cannot import torch" >&2; return 1; }
  torch_version="$("$python" -c 'import torch; print(torch.__version__.split("+")[0])')"
  cxx11_abi="$("$python" -c 'import torch; print(int(torch._C._GLIBCXX_USE_CXX11_ABI))')"
  local cuda
  cuda="$("$python" -c 'import torch; print(torch.version.cuda or "")')"
  flavor=cpu
  [[ -n "$cuda" ]] && flavor="cu$(echo "$cuda" | cut -d. -f1,2 | tr -d .)"
  return 0
}

binding_sources() {
  local work="$1" headers="$2"
  binding_src="$work/djl-pytorch-native"
  rm -rf "$binding_src"
  cp -r "$binding_here/djl-pytorch-native" "$binding_src"
  binding_dir="$binding_src/engines/pytorch/pytorch-native/build"
  mkdir -p "$binding_dir/include"
  cp "$headers/ai_djl_pytorch_jni_PyTorchLibrary.h" "$binding_dir/include/"
}

binding_build_cmake() {
  local jni_include="$1" libjvm="$2" use_cuda=()
  [[ "$flavor" == cu* ]] && use_cuda=(-DUSE_CUDA=1)
  (
    set -e
    cd "$binding_dir"
    cmake -DCMAKE_BUILD_TYPE=Release -DCMAKE_PREFIX_PATH="$torch_dir/share/cmake" \
      -DJAVA_INCLUDE_PATH="$jni_include" -DJAVA_INCLUDE_PATH2="$jni_include/linux" \
      -DJAVA_JVM_LIBRARY="$libjvm" "${use_cuda[@]}" .. > cmake.log 2>&1 \
      || { tail -30 cmake.log >&2; exit 1; }
    cmake --build . -- -j "$(nproc)" > build.log 2>&1 || { grep -m 20 -B2 -A8 "error" build.log >&2; exit 1; }
    if [[ "$flavor" == cu* ]]; then
      # As DJL's own build.sh: link without the toolkit's libcudart/libnvrtc (libtorch brings its own).
      sed -i -r "s/\/usr\/local\/cuda(.{5})?\/lib64\/lib(cudart|nvrtc).so//g" CMakeFiles/djl_torch.dir/link.txt
      rm libdjl_torch.so
      ORIGIN='$ORIGIN' . CMakeFiles/djl_torch.dir/link.txt # the line holds -rpath,$ORIGIN unquoted
    fi
  )
}

binding_build_gxx() {
  local jni_include="$1"
  (
    set -e
    cd "$binding_dir"
    rm -rf direct && mkdir direct
    local flags=(-O2 -fPIC -std=c++17 -D_GLIBCXX_USE_CXX11_ABI="$cxx11_abi"
      -Iinclude -I"$jni_include" -I"$jni_include/linux" -I"$binding_src/api/src/main/native"
      -isystem "$torch_dir/include" -isystem "$torch_dir/include/torch/csrc/api/include")
    export flags_line="${flags[*]}"
    ls ../src/main/native/*.cc | xargs -P "$(nproc)" -I{} sh -c 'g++ $flags_line -c {} -o direct/$(basename {} .cc).o' \
      > direct.log 2>&1 || { grep -m 20 -A8 "error" direct.log >&2; exit 1; }
    local libs=(-ltorch -ltorch_cpu -lc10)
    [[ "$flavor" == cu* ]] && libs+=(-ltorch_cuda -lc10_cuda)
    g++ -shared -o libdjl_torch.so direct/*.o -L"$torch_dir/lib" -Wl,--no-as-needed "${libs[@]}" \
      -Wl,-rpath,'$ORIGIN'
  )
}

# DJL looks for <its version>-libdjl_torch.so in its cache under <torch version>-<flavor>-<platform>.
binding_library() {
  echo "$1/pytorch/$torch_version-$flavor-linux-x86_64/0.36.0-libdjl_torch.so"
}

binding_install() {
  local target
  target="$(binding_library "$1")"
  mkdir -p "$(dirname "$target")"
  cp "$binding_dir/libdjl_torch.so" "$target"
}

binding_env() {
  export ENGINE_CACHE_DIR="$1" PYTORCH_LIBRARY_PATH="$torch_dir/lib" PYTORCH_VERSION="$torch_version" \
    PYTORCH_FLAVOR="$flavor"
}

binding_cudart_dir() {
  local cudart
  cudart="$(find "$torch_dir/lib" "$torch_dir/../nvidia" /usr/local/cuda/lib64 /usr/local/cuda/targets \
    -name 'libcudart.so*' 2>/dev/null | head -1)"
  [[ -n "$cudart" ]] || { echo "binding: no libcudart found: DJL would see no GPU" >&2; return 1; }
  dirname "$cudart"
}

# On a machine with a JDK: builds the binding into <folder> unless it is there and newer than its
# sources, and exports what DJL reads; sets binding_jvm_options (the JVM's flags for it).
binding_ready() {
  local python="$1" folder="$2"
  binding_probe "$python" || return 1
  local cache="$folder/djl-cache" work="$folder/binding"
  local library
  library="$(binding_library "$cache")"
  if [[ ! -f "$library" || -n "$(find "$binding_here/djl-pytorch-native" -newer "$library" -print -quit)" ]]; then
    echo "binding: building DJL's binding against PyTorch $torch_version ($flavor) in $torch_dir ..." >&2
    local java_home
    java_home="$(dirname "$(dirname "$(readlink -f "$(command -v javac)")")")"
    javac -h "$work/include" -d "$work/classes" \
      "$binding_here/djl-pytorch-native/engines/pytorch/pytorch-engine/src/main/java/ai/djl/pytorch/jni/PyTorchLibrary.java" \
      || return 1
    binding_sources "$work" "$work/include" || return 1
    binding_build_cmake "$java_home/include" "$java_home/lib/server/libjvm.so" \
      || binding_build_gxx "$java_home/include" || return 1
    binding_install "$cache" || return 1
  fi
  binding_env "$cache"
  binding_jvm_options=()
  if [[ "$flavor" == cu* ]]; then
    local cudart_dir
    cudart_dir="$(binding_cudart_dir)" || return 1
    binding_jvm_options+=("-Djna.library.path=$cudart_dir")
  fi
}
