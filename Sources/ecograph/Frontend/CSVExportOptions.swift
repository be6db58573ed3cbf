import ArgumentParser
import EcoGraphWriters

/// `export --format csv` options: which table, and how cells are written.
struct CSVExportOptions: ParsableArguments {
    @Option(help: ArgumentHelp("With --format csv: write one table instead of the set: projects, category-language, relations, adjacency or category:NAME.", valueName: "table"))
    var matrix: String?

    @Flag(help: "With --format csv: start each file with a UTF-8 byte order mark (for Excel).")
    var bom = false

    @Flag(help: "With --format csv: do not neutralise cells that start like a spreadsheet formula (=, +, -, @).")
    var raw = false

    var options: CSVOptions { CSVOptions(raw: raw, bom: bom) }

    /// The table `--matrix` names, or nil for the whole set.
    func table() throws -> CSVMatrix? {
        guard let matrix else { return nil }
        guard let m = CSVMatrix(argument: matrix) else {
            throw ValidationError("unknown table '\(matrix)' for --matrix; use one of \(CSVMatrix.argumentNames.joined(separator: ", "))")
        }
        return m
    }
}
