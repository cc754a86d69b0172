package io.contrastream.producer.dataset;

import io.contrastream.codec.ImageCodec;
import io.contrastream.codec.ImageDecodeException;
import io.contrastream.codec.ImageLimits;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;

/**
 * A folder with one sub-folder per class ({@code root/cat/1.png}, {@code root/dog/2.jpg}); labels
 * are the sub-folders' indices in name order. Images are decoded when read, so a large folder
 * costs no memory up front; an unreadable image fails with its path.
 */
public final class ImageFolderDataset implements Dataset {

    private final String name;
    private final List<Path> files;
    private final List<Integer> labels;
    private final List<String> classes;

    private ImageFolderDataset(String name, List<Path> files, List<Integer> labels, List<String> classes) {
        this.name = name;
        this.files = files;
        this.labels = labels;
        this.classes = classes;
    }

    public static ImageFolderDataset open(Path root) {
        if (!Files.isDirectory(root)) {
            throw new DatasetException(root + " is not a directory");
        }
        List<Path> files = new ArrayList<>();
        List<Integer> labels = new ArrayList<>();
        List<String> classes = new ArrayList<>();
        try (Stream<Path> dirs = Files.list(root)) {
            List<Path> classDirs = dirs.filter(Files::isDirectory).sorted().toList();
            for (Path dir : classDirs) {
                int label = classes.size();
                classes.add(dir.getFileName().toString());
                try (Stream<Path> images = Files.walk(dir)) {
                    for (Path p :
                            images.filter(ImageFolderDataset::isImage).sorted().toList()) {
                        files.add(p);
                        labels.add(label);
                    }
                }
            }
        } catch (IOException e) {
            throw new DatasetException("cannot list " + root + ": " + e.getMessage(), e);
        }
        if (files.isEmpty()) {
            throw new DatasetException("no .png/.jpg images in class sub-folders of " + root);
        }
        return new ImageFolderDataset(
                "folder " + root.getFileName() + " (" + files.size() + ", " + classes.size() + " classes)",
                files,
                labels,
                classes);
    }

    private static boolean isImage(Path p) {
        String n = p.getFileName().toString().toLowerCase(Locale.ROOT);
        return Files.isRegularFile(p) && (n.endsWith(".png") || n.endsWith(".jpg") || n.endsWith(".jpeg"));
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public int size() {
        return files.size();
    }

    /** Class names, index = label. */
    public List<String> classes() {
        return classes;
    }

    @Override
    public LabelledImage get(int index) {
        Path file = files.get(index);
        try {
            return new LabelledImage(
                    ImageCodec.decode(Files.readAllBytes(file), ImageLimits.DEFAULT), labels.get(index));
        } catch (IOException | ImageDecodeException e) {
            throw new DatasetException("cannot read image " + file + ": " + e.getMessage(), e);
        }
    }
}
