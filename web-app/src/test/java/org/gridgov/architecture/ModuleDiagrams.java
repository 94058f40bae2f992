package org.gridgov.architecture;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;

import net.sourceforge.plantuml.FileFormat;
import net.sourceforge.plantuml.FileFormatOption;
import net.sourceforge.plantuml.SourceStringReader;

/** Renders a PlantUML module diagram to SVG with PlantUML's own layout engine (no Graphviz needed). */
final class ModuleDiagrams {

    private ModuleDiagrams() {
    }

    static void writeSvg(String plantUml, Path target) throws IOException {
        SourceStringReader reader = new SourceStringReader(plantUml.replace("@startuml", "@startuml\n!pragma layout smetana"));
        try (OutputStream out = Files.newOutputStream(target)) {
            reader.outputImage(out, new FileFormatOption(FileFormat.SVG));
        }
    }
}
