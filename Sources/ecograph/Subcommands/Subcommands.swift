import ArgumentParser

/// The registry of subcommands: one line each.
enum Subcommands {
    static let all: [ParsableCommand.Type] = [
        Stats.self,
        List.self,
        Export.self,
        LintCommand.self,
        Relations.self,
        Show.self,
        Neighbors.self,
        Path.self,
        Alternatives.self,
        Why.self,
        Diff.self,
        BenchPhases.self,
    ]
}
