/// Writes a synthetic awesome-list catalog shaped like the real ones, for benchmarks and scale
/// tests: a table of contents, `# Section` and `## Category` headings (a few `###`), paragraph
/// labels (`Open Messaging:`), entries `- [Lang: Name](url): description` with language
/// prefixes in several spellings, entries nested by two spaces, four spaces or a tab, plain
/// sub-items, resources nested under their project (`X Wiki`, `X 源码分析`), loose lists,
/// entries listed in two categories, English, Chinese and mixed descriptions, and relation
/// phrases that name other entries ("built on top of X", "a port of X", "backed by X",
/// "inspired by X", "compatible with X", "alternative to X", "基于 X").
///
/// Same `entries` and `seed` give the same bytes on every machine: every random draw comes
/// from `SplitMix64`, and nothing depends on hashing, dictionary order or floating point.
///
/// ```swift
/// let bytes = CatalogGenerator(entries: 2_000, seed: 1).generate()
/// // MarkdownCatalogReader reads exactly 2,000 listings from it.
/// ```
///
/// `entries` counts every list item below the table of contents: top-level entries, nested
/// linked entries and plain sub-items.
public struct CatalogGenerator {
    public var entries: Int
    public var seed: UInt64

    public init(entries: Int, seed: UInt64) {
        precondition(entries >= 1, "a catalog needs at least one entry")
        self.entries = entries
        self.seed = seed
    }

    struct Entry {
        var name: String
        var prefix: String?
        var url: String
        var kids: [Entry] = []
        var plain: [String] = []
        var indent = "  "
        var duplicate = false
    }

    struct Category {
        var name: String
        var entries: [Entry] = []
    }

    /// The catalog as UTF-8 bytes.
    /// - Complexity: O(entries).
    public func generate() -> [UInt8] {
        var rng = SplitMix64(seed: seed)
        var names = NameMaker()
        let (sections, categories) = plan(&rng, &names)
        var targets: [String] = []
        for c in categories {
            for e in c.entries where !e.duplicate {
                targets.append(e.name)
                for k in e.kids { targets.append(k.name) }
            }
        }
        var out = ""
        out.reserveCapacity(entries * 280)
        for (s, section) in sections.enumerated() {
            out += "- [\(section)](#\(Self.anchor(section)))\n"
            for c in categories[s * 20..<min(categories.count, (s + 1) * 20)] {
                out += "  - [\(c.name)](#\(Self.anchor(c.name)))\n"
            }
        }
        out += "\n"
        var text = TextMaker()
        for (s, section) in sections.enumerated() {
            out += "\n# \(section)\n"
            for c in categories[s * 20..<min(categories.count, (s + 1) * 20)] {
                out += "\n## \(c.name)\n\n"
                let n = c.entries.count
                // A few categories group their entries under paragraph labels, split in two by
                // a `###` heading, or are loose lists (a blank line between items).
                let labelled = n >= 4 && rng.chance(perMille: 40)
                let split = n >= 6 && !labelled && rng.chance(perMille: 40)
                let looseAt = n >= 3 && rng.chance(perMille: 30) ? 1 + rng.below(n - 1) : -1
                let secondLabel = labelled ? 2 + rng.below(n - 2) : -1
                if labelled { out += "\(rng.pick(Vocabulary.qualifiers)) \(rng.pick(Vocabulary.topics).lowercased()):\n\n" }
                for (i, e) in c.entries.enumerated() {
                    if i == secondLabel {
                        out += "\n\(rng.pick(Vocabulary.qualifiers)) \(rng.pick(Vocabulary.topics)):\n\n"
                    } else if split && i == n / 2 {
                        out += "\n### \(rng.pick(Vocabulary.qualifiers)) \(c.name)\n\n"
                    } else if i == looseAt {
                        out += "\n"
                    }
                    line(e, indent: "", &out, &rng, &text, targets)
                    for k in e.kids { line(k, indent: e.indent, &out, &rng, &text, targets) }
                    for p in e.plain { out += "\(e.indent)- \(p)\n" }
                }
            }
        }
        return Array(out.utf8)
    }

    /// Chooses categories, entries, nesting and names; the text comes later, when every name
    /// that a relation phrase may point at is known.
    private func plan(_ rng: inout SplitMix64, _ names: inout NameMaker) -> ([String], [Category]) {
        let plainCount = entries * 3 / 100
        let nestedCount = entries * 15 / 100
        let topCount = entries - plainCount - nestedCount
        let categoryCount = max(1, min(400, min(topCount, entries / 10)))
        var categories: [Category] = []
        var seen = Set<String>()
        while categories.count < categoryCount {
            var name = rng.pick(Vocabulary.topics)
            let q = rng.pick(Vocabulary.qualifiers)
            if rng.chance(perMille: 850) { name = q + " " + name }
            if rng.chance(perMille: 50) { name += rng.pick([" && ", ", "]) + rng.pick(Vocabulary.topics) }
            if seen.count > 5_000 { name += " \(seen.count)" }   // vocabulary exhausted
            if seen.insert(name.lowercased()).inserted { categories.append(Category(name: name)) }
        }
        let sectionCount = (categoryCount + 19) / 20
        let sections = (0..<sectionCount).map { "Projects about \(Vocabulary.sections[$0 % Vocabulary.sections.count])" + ($0 >= Vocabulary.sections.count ? " \($0 / Vocabulary.sections.count + 1)" : "") }

        // Skewed sizes: a few big categories, many small ones, at least one entry each.
        let weights = (0..<categoryCount).map { _ in 1 + rng.below(8) * rng.below(8) }
        let weightSum = weights.reduce(0, +)
        var sizes = weights.map { 1 + (topCount - categoryCount) * $0 / weightSum }
        var missing = topCount - sizes.reduce(0, +)
        while missing > 0 { sizes[rng.below(categoryCount)] += 1; missing -= 1 }

        var all: [(Int, Int)] = []   // (category, index) of every top-level entry, in order
        for (c, size) in sizes.enumerated() {
            for _ in 0..<size {
                var e = Entry(name: names.make(&rng), prefix: Self.prefix(&rng), url: "")
                // About 1% repeat an earlier entry (same name and URL) in another category.
                if all.count > 10, rng.chance(perMille: 10) {
                    let (oc, oi) = all[rng.below(all.count)]
                    let other = categories[oc].entries[oi]
                    if oc != c && !other.duplicate {
                        names.release(e.name)
                        e = Entry(name: other.name, prefix: rng.chance(perMille: 500) ? other.prefix : nil, url: other.url, duplicate: true)
                    }
                }
                if !e.duplicate { e.url = Self.url(e.name, &rng) }
                all.append((c, categories[c].entries.count))
                categories[c].entries.append(e)
            }
        }
        // Nested linked entries: 1–5 under a parent; some are resources about the parent.
        var remaining = nestedCount
        while remaining > 0 {
            let (c, i) = all[rng.below(all.count)]
            guard !categories[c].entries[i].duplicate, categories[c].entries[i].kids.isEmpty else { continue }
            let parent = categories[c].entries[i].name
            let k = min(remaining, rng.pick([1, 1, 1, 2, 2, 3, 4, 5]))
            for _ in 0..<k {
                let name = rng.chance(perMille: 350) ? names.derived(from: parent, &rng) : names.make(&rng)
                categories[c].entries[i].kids.append(Entry(name: name, prefix: Self.prefix(&rng), url: Self.url(name, &rng)))
            }
            categories[c].entries[i].indent = rng.weighted([("  ", 70), ("    ", 22), ("\t", 8)])
            remaining -= k
        }
        // Plain sub-items (no link), like the projects listed under Apache Camel.
        remaining = plainCount
        while remaining > 0 {
            let (c, i) = all[rng.below(all.count)]
            guard !categories[c].entries[i].duplicate, categories[c].entries[i].plain.isEmpty else { continue }
            let k = min(remaining, 1 + rng.below(5))
            for _ in 0..<k { categories[c].entries[i].plain.append(names.make(&rng)) }
            if categories[c].entries[i].kids.isEmpty {
                categories[c].entries[i].indent = rng.weighted([("  ", 50), ("    ", 20), ("\t", 30)])
            }
            remaining -= k
        }
        return (sections, categories)
    }

    private func line(_ e: Entry, indent: String, _ out: inout String, _ rng: inout SplitMix64,
                      _ text: inout TextMaker, _ targets: [String]) {
        out += indent + "- ["
        if let p = e.prefix { out += p + ": " }
        out += e.name + "](" + e.url + ")"
        guard rng.chance(perMille: 950) else { out += "\n"; return }
        out += rng.weighted([(": ", 80), (" - ", 15), (" — ", 5)])
        var target: String? = nil
        if rng.chance(perMille: 210), targets.count > 1 {
            repeat { target = rng.pick(targets) } while target == e.name
        }
        var d = text.description(name: e.name, target: target, &rng)
        // A long description now and then wraps onto a continuation line, as hand-edited lists do.
        if indent.isEmpty, d.utf8.count > 200, rng.chance(perMille: 20), let cut = d.firstIndex(of: ",") {
            d = String(d[...cut]) + "\n  " + String(d[d.index(after: cut)...]).trimmingLeadingSpaces()
        }
        out += d + "\n"
    }

    static func prefix(_ rng: inout SplitMix64) -> String? {
        rng.chance(perMille: 600) ? rng.weighted(Vocabulary.languages) : nil
    }

    static func url(_ name: String, _ rng: inout SplitMix64) -> String {
        var slug = ""
        for u in name.lowercased().unicodeScalars {
            if ("a"..."z").contains(u) || ("0"..."9").contains(u) || u == "-" { slug.unicodeScalars.append(u) }
            else if u == " " || u == "." { slug += "-" }
        }
        if slug.isEmpty { slug = "x" }
        switch rng.below(10) {
        case 0..<7: return "https://github.com/\(rng.pick(Vocabulary.orgs))/\(slug)"
        case 7, 8: return "https://\(slug).io/"
        default: return "http://www.\(slug).org/index.html"
        }
    }

    /// GitHub's heading anchor: lower-cased, punctuation dropped, spaces to dashes.
    static func anchor(_ heading: String) -> String {
        var s = ""
        for u in heading.lowercased().unicodeScalars {
            if u == " " { s += "-" } else if u.properties.isAlphabetic || ("0"..."9").contains(u) || u == "-" || u == "_" {
                s.unicodeScalars.append(u)
            }
        }
        return s
    }
}

/// Unique entry names (case-insensitively), made of one to three morphemes with the styles
/// real projects use: `KafkaZoo`, `kafkazoo`, `kafka-zoo`, `Kafka Zoo`, `go-kafka`, `KafkaMQ`,
/// `Apache Kafka`.
struct NameMaker {
    private var used = Set<String>(minimumCapacity: 1 << 12)

    mutating func make(_ rng: inout SplitMix64) -> String {
        var attempt = 0
        while true {
            var parts = [rng.pick(Vocabulary.morphemes)]
            let k = rng.below(100)
            if k < 75 { parts.append(rng.pick(Vocabulary.morphemes)) }
            if k < 12 { parts.append(rng.pick(Vocabulary.morphemes)) }
            var name: String
            switch rng.below(100) {
            case 0..<45: name = parts.map(\.capitalized).joined()
            case 45..<70: name = parts.joined()
            case 70..<88: name = parts.joined(separator: "-")
            default: name = parts.map(\.capitalized).joined(separator: " ")
            }
            let x = rng.below(100)
            if x < 15 { name = rng.pick(Vocabulary.namePrefixes) + name }
            else if x < 40 { name += rng.pick(Vocabulary.nameSuffixes) }
            if attempt > 20 { name += String(2 + rng.below(9_998)) }
            attempt += 1
            if used.insert(name.lowercased()).inserted { return name }
        }
    }

    /// A sub-project or a resource about `parent`: `Kafka Manager`, `Kafka Wiki`, `Kafka 源码分析`.
    mutating func derived(from parent: String, _ rng: inout SplitMix64) -> String {
        for _ in 0..<20 {
            let name = parent + rng.pick(Vocabulary.derivedSuffixes)
            if used.insert(name.lowercased()).inserted { return name }
        }
        return make(&rng)
    }

    mutating func release(_ name: String) { used.remove(name.lowercased()) }

}

extension String {
    fileprivate var capitalized: String { prefix(1).uppercased() + dropFirst() }

    fileprivate func trimmingLeadingSpaces() -> String { String(drop { $0 == " " }) }
}

/// Descriptions: English sentences from templates, Chinese phrases, or both, 50–400
/// characters, with at most one relation phrase naming another entry.
struct TextMaker {
    mutating func description(name: String, target: String?, _ rng: inout SplitMix64) -> String {
        var goal = min(400, 50 + rng.below(90) + rng.below(90) + (rng.chance(perMille: 200) ? rng.below(220) : 0))
        let script = rng.below(100)   // 0..<6 Chinese, 6..<10 mixed, else English
        if script < 10 { goal /= 2 }  // a Chinese character says about as much as an English word
        var relation: String? = nil
        if var t = target {
            switch rng.below(100) {
            case 0..<12: t = t.lowercased()
            case 12..<16: t = t.uppercased()
            default: break
            }
            let template = script < 6
                ? rng.pick(Vocabulary.chineseRelations)
                : rng.pick(Vocabulary.relations).replacingFirst("{core}", with: rng.pick(Vocabulary.cores))
            relation = fill(template, name: name, &rng).replacingFirst("{t}", with: t)
        }
        var parts: [String] = []
        var length = 0
        var lastTemplate = -1
        let budget = 400 - (relation.map { $0.count + 1 } ?? 0)
        while length < goal {
            let s: String
            if script < 6 {
                s = chinese(&rng)
            } else if script < 10 && !parts.isEmpty {
                s = rng.chance(perMille: 500) ? "(" + rng.pick(Vocabulary.chinese) + ")" : chinese(&rng)
            } else {
                var t = rng.below(Vocabulary.templates.count)
                if t == lastTemplate { t = (t + 1) % Vocabulary.templates.count }
                lastTemplate = t
                s = fill(Vocabulary.templates[t], name: name, &rng)
            }
            if !parts.isEmpty && length + s.count + 1 > budget { break }
            parts.append(s)
            length += s.count + 1
        }
        if let relation { parts.insert(relation, at: rng.below(parts.count + 1)) }
        return parts.joined(separator: script < 6 ? "" : " ")
    }

    private func chinese(_ rng: inout SplitMix64) -> String {
        var s = rng.pick(Vocabulary.chinese)
        for _ in 0..<rng.below(3) { s += "，" + rng.pick(Vocabulary.chinese) }
        return s + "。"
    }

    private func fill(_ template: String, name: String, _ rng: inout SplitMix64) -> String {
        var s = template
        let adjective = rng.pick(Vocabulary.adjectives)
        let article = "aeiou".contains(adjective.first!) ? "an" : "a"
        s = s.replacingFirst("{A}", with: article.capitalized)
        s = s.replacingFirst("{a}", with: article)
        s = s.replacingFirst("{adj}", with: adjective)
        s = s.replacingFirst("{adj2}", with: rng.pick(Vocabulary.adjectives))
        s = s.replacingFirst("{noun}", with: rng.pick(Vocabulary.nouns))
        s = s.replacingFirst("{purpose}", with: rng.pick(Vocabulary.purposes))
        s = s.replacingFirst("{feat}", with: rng.pick(Vocabulary.features))
        s = s.replacingFirst("{feat2}", with: rng.pick(Vocabulary.features))
        s = s.replacingFirst("{lang}", with: rng.weighted(Vocabulary.languages))
        s = s.replacingFirst("{name}", with: name)
        return s
    }
}

extension String {
    /// The text with the first `placeholder` replaced, searched on bytes (placeholders are
    /// ASCII): the standard library's generic `firstRange(of:)` made generation ten times slower.
    fileprivate func replacingFirst(_ placeholder: String, with value: String) -> String {
        let hay = Array(utf8), needle = Array(placeholder.utf8)
        guard !needle.isEmpty, hay.count >= needle.count else { return self }
        for i in 0...(hay.count - needle.count) where hay[i] == needle[0] && hay[i..<(i + needle.count)].elementsEqual(needle) {
            return String(decoding: hay[..<i], as: UTF8.self) + value + String(decoding: hay[(i + needle.count)...], as: UTF8.self)
        }
        return self
    }
}
