#!/usr/bin/env bash
# Packs what a GPU machine with no Java and no network needs for gpu/run.sh, into gpu/bundle.tar.xz
# (ignored by git; carry it with the working tree; about 42 MiB): a jlink-made Java runtime, the service's jars
# without the CPU libtorch, DJL's JNI binding (pytorch-jni, which is built for libtorch 2.7.1 only)
# and RocksDB (the topology keeps no persistent store), and the JNI headers that gpu/run.sh needs to
# build DJL's binding against the GPU machine's own libtorch. Run it on a build machine with JDK 17.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
bundle="$work/bundle"
mkdir -p "$bundle/lib" "$bundle/jni/include/linux"

./mvnw -B -q -DskipTests package
cp -r launcher/target/classes "$bundle/classes"
# Jars stored uncompressed: xz then packs them across files, to half their deflated size.
for jar in launcher/target/lib/*.jar; do
  case "$(basename "$jar")" in
    pytorch-native-cpu-*|pytorch-jni-*|rocksdbjni-*) ;;
    *) python3 - "$jar" "$bundle/lib/$(basename "$jar")" <<'PY'
import sys, zipfile
with zipfile.ZipFile(sys.argv[1]) as src, zipfile.ZipFile(sys.argv[2], "w", zipfile.ZIP_STORED) as dst:
    for entry in src.infolist():
        data = src.read(entry.filename)
        entry.compress_type = zipfile.ZIP_STORED
        dst.writestr(entry, data)
PY
    ;;
  esac
done

# Modules of the service, its clients, the embedded broker and javax.imageio; no compiler.
jlink --add-modules java.base,java.compiler,java.desktop,java.logging,java.management,java.naming,java.net.http,java.rmi,java.scripting,java.security.jgss,java.security.sasl,java.sql,java.xml,jdk.crypto.ec,jdk.httpserver,jdk.management,jdk.unsupported,jdk.zipfs,jdk.security.auth,jdk.security.jgss \
  --strip-debug --no-man-pages --no-header-files --compress=0 --output "$bundle/jre"

# DJL's binding is C++ over JNI: its header comes from the Java class, jni.h from the JDK.
javac -h "$bundle/jni/include" -d "$work/classes" \
  gpu/djl-pytorch-native/engines/pytorch/pytorch-engine/src/main/java/ai/djl/pytorch/jni/PyTorchLibrary.java
java_home="$(dirname "$(dirname "$(readlink -f "$(command -v javac)")")")"
cp "$java_home/include/jni.h" "$bundle/jni/include/"
cp "$java_home/include/linux/jni_md.h" "$bundle/jni/include/linux/"

tar -C "$work" -cf - bundle | xz -9 -T0 > gpu/bundle.tar.xz
echo "gpu/bundle.tar.xz: $(du -h gpu/bundle.tar.xz | cut -f1) (unpacked $(du -sh "$bundle" | cut -f1))"
