import ArgumentParser
import BenchSupport
import Foundation

/// `ecograph-gen --entries N --seed S -o FILE`: writes a synthetic catalog for benchmarks.
@main
struct EcographGen: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "ecograph-gen",
        abstract: "Write a deterministic synthetic awesome-list catalog (for benchmarks and scale tests).",
        discussion: """
        Same --entries and --seed give the same bytes on every machine.

        Examples:
          ecograph-gen --entries 20000 --seed 1 -o /tmp/catalog-20000.md
          ecograph stats -c /tmp/catalog-20000.md
        """)

    @Option(help: "List items below the table of contents: entries, nested entries and plain sub-items.")
    var entries: Int

    @Option(help: "The random seed.")
    var seed: UInt64 = 1

    @Option(name: [.short, .customLong("output")], help: ArgumentHelp("The catalog file to write.", valueName: "path"))
    var output: String

    func validate() throws {
        if entries < 1 { throw ValidationError("--entries must be 1 or more") }
        if entries > 50_000_000 { throw ValidationError("--entries must be at most 50,000,000") }
    }

    func run() throws {
        let bytes = CatalogGenerator(entries: entries, seed: seed).generate()
        do {
            // Atomic: a failed run leaves no half-written catalog.
            try Data(bytes).write(to: URL(fileURLWithPath: output), options: .atomic)
        } catch {
            FileHandle.standardError.write(Data("\(output): error: cannot write the catalog: \(error.localizedDescription)\n".utf8))
            throw ExitCode(73)
        }
    }
}
