package io.wirelab.console;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/** The repository's docs/ folder and the fenced code blocks in its Markdown files. */
final class DocFiles {
    /** One fenced block: the file, the line its code starts on, and the code. */
    record Block(Path file, int line, String code) {
        @Override public String toString() { return file.getFileName() + ":" + line; }
    }

    private DocFiles() {}

    static Path docs() {
        return Path.of(System.getenv().getOrDefault("WIRELAB_REPO", ".."), "docs");
    }

    static Path schema() { return docs().resolve("lab.schema.json"); }

    /** Every ```lang block of every docs/*.md, docs/labs/*.md and the README, in file then text order. */
    static List<Block> blocks(String lang) throws IOException {
        List<Path> files = new ArrayList<>();
        for (Path dir : List.of(docs(), docs().resolve("labs"))) {
            try (Stream<Path> s = Files.list(dir)) {
                files.addAll(s.filter(p -> p.toString().endsWith(".md")).sorted().toList());
            }
        }
        files.add(docs().resolveSibling("README.md"));
        List<Block> out = new ArrayList<>();
        String open = "```" + lang + "\n";
        for (Path f : files) {
            String doc = Files.readString(f);
            int at = 0;
            while ((at = doc.indexOf(open, at)) >= 0) {
                int start = at + open.length();
                int end = doc.indexOf("```", start);
                int line = (int) doc.substring(0, start).chars().filter(c -> c == '\n').count() + 1;
                out.add(new Block(f, line, doc.substring(start, end)));
                at = end + 3;
            }
        }
        return out;
    }
}
