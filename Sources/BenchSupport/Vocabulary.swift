/// The words synthetic catalogs are made of. Order matters: the generator picks by index, so
/// editing a list changes every generated catalog (and the benchmark's inputs).
enum Vocabulary {
    static let sections = [
        "Distributed Architecture", "Data Infrastructure", "Cloud Native", "Observability", "Security",
        "Developer Tooling", "Networking", "Storage Systems", "Machine Learning Systems", "Web Development",
        "Mobile Backends", "Embedded Systems", "DevOps", "Databases", "Stream Processing",
        "Testing and Quality", "Documentation", "Ledger Systems", "Game Servers", "Scientific Computing",
    ]

    static let qualifiers = [
        "Distributed", "Cloud-Native", "Embedded", "Streaming", "Serverless", "Realtime", "Time Series",
        "Graph", "Edge", "Mobile", "Web", "Container", "Kubernetes", "Observability", "Security", "Data",
        "ML", "Network", "Storage", "Workflow", "Search", "Game", "IoT", "Open", "Lightweight",
    ]

    static let topics = [
        "Message Queue", "Job Schedule", "Load Balance", "API Gateway", "Reverse Proxy", "File System",
        "Configuration Management", "Service Discovery", "DNS Server", "Circuit Breaker", "Tracing",
        "Cache", "Database Driver", "RPC", "Service Bus", "Query Engine", "Key-Value Store",
        "Object Storage", "Stream Processing", "Batch Processing", "Consensus", "Coordination",
        "Monitoring", "Logging", "Metrics", "Alerting", "Testing Tools", "Benchmarks", "Serialization",
        "Schema Registry", "Rate Limiting", "Authentication", "Secrets Management", "Service Mesh",
        "Orchestration", "Feature Flags", "Sharding Middleware", "Connection Pool", "ORM",
        "Search Engine", "Data Exchange Format", "Open Platform", "Application Framework", "Web Server",
        "HTTP Client", "Message Broker", "Name Service", "Distributed Lock", "Workflow Engine",
    ]

    /// Prefixes as catalogs write them, weighted by how often they occur; several spellings of
    /// one language (`Go`/`Golang`, `Node`/`Node.js`/`node`, `C#`/`.NET`).
    static let languages: [(String, Int)] = [
        ("Go", 11), ("Golang", 3), ("Java", 14), ("C", 5), ("C++", 6), ("C#", 5), (".NET", 3),
        ("Python", 9), ("Ruby", 3), ("Node", 4), ("node", 1), ("Node.js", 1), ("JavaScript", 4),
        ("TypeScript", 3), ("Rust", 6), ("Scala", 3), ("Erlang", 2), ("Elixir", 2), ("Haskell", 1),
        ("Lua", 2), ("PHP", 2), ("Kotlin", 2), ("Swift", 1), ("Clojure", 1), ("OCaml", 1),
        ("Perl", 1), ("Dart", 1), ("Zig", 1), ("F#", 1),
    ]

    static let morphemes = """
        kafka zoo rabbit storm flink spark hive bee fire cloud stream flow quartz pika ceph raft \
        pulse nova atlas hermes apollo zeus orion vega lynx falcon eagle hawk raven otter badger \
        beaver gopher panda koala tiger lion fox wolf bear mouse bolt spike arrow blade forge anvil \
        hammer chisel loom mill kiln vault silo barn hub nest den lake river delta reef dune mesa \
        ridge peak summit crest ember flare torch beacon lantern prism lens mirror echo wave tide \
        drift gale breeze thunder quake ion quark photon neutron nexus vertex vector matrix tensor \
        scalar cipher ledger shard heap fiber weave lattice swarm flock herd colony kite sparrow \
        heron crane ibis puma jaguar cobra viper gecko newt axolotl salmon trout marlin orca dolphin \
        coral kelp moss fern cedar maple birch willow aspen oak pine spruce juniper basil sage thyme \
        mint pepper ginger saffron cocoa mocha latte espresso chai zephyr aurora nimbus cirrus \
        stratus cumulus comet meteor nebula quasar pulsar granite basalt cobalt indigo amber onyx \
        topaz garnet opal jade quill parchment scroll sextant compass anchor harbor lighthouse
        """.split(separator: " ").map(String.init)

    static let namePrefixes = ["go-", "Apache ", "node-", "py", "lib", "Open", "micro-", "Spring ", "Hyper",
                               "Fast", "Tiny", "Sky", "Deep", "Meta", "Google's ", "Netflix "]
    static let nameSuffixes = ["DB", "MQ", "FS", ".js", ".NET", "-rs", "4j", "ly", "ify", "X", "-ng", "Kit",
                               "-server", "-client", "-proxy", "-operator", "Hub", "Flow", "Lite", "Stack",
                               " Core", "-go", "-java", "ctl", "d"]
    /// Sub-projects and resources named after their parent; the last few are resources
    /// (documentation, internals, source analysis).
    static let derivedSuffixes = [" Manager", " Center", "-client-go", " Dashboard", " Exporter", " Operator",
                                  "-cli", " Admin", " Bindings", " Connect", " Streams", "-ui", " Proxy",
                                  " Wiki", " Internals", " Documentation", " 源码分析", " 中文文档"]
    static let orgs = ["apache", "google", "alibaba", "tencent", "netflix", "uber", "twitter", "baidu",
                       "microsoft", "hashicorp", "coreos", "bitly", "sony", "yahoo", "dangdangdotcom",
                       "weibocom", "vipshop", "Qihoo360", "facebook", "linkedin", "lyft", "shopify",
                       "cloudflare", "grafana"]

    static let adjectives = ["lightweight", "high-performance", "distributed", "fault-tolerant", "scalable",
                             "embeddable", "pluggable", "cloud-native", "minimal", "production-ready",
                             "asynchronous", "reactive", "cross-platform", "language-neutral",
                             "highly available", "strongly consistent", "simple", "fast", "modern", "extensible"]
    static let nouns = ["framework", "library", "toolkit", "platform", "engine", "server", "broker",
                        "scheduler", "runtime", "SDK", "daemon", "service", "middleware", "store", "gateway",
                        "agent", "dashboard"]
    static let purposes = ["building microservices", "distributed job scheduling", "high-throughput messaging",
                           "service discovery", "configuration management", "caching hot data",
                           "load balancing TCP and HTTP traffic", "tracing requests", "managing clusters",
                           "serializing structured data", "running background jobs", "collecting metrics",
                           "rate limiting APIs", "storing large files", "querying time series",
                           "orchestrating containers", "routing RPC calls",
                           "securing service-to-service traffic", "replicating logs"]
    static let features = ["pluggable storage backends", "a REST API", "a web UI", "automatic failover",
                           "hot reloading", "TLS everywhere", "at-least-once delivery", "exactly-once semantics",
                           "horizontal sharding", "zero-copy reads", "HTTP/2", "a declarative config file",
                           "Prometheus metrics", "OpenTracing support", "multi-tenancy",
                           "role-based access control", "a gRPC interface", "backpressure", "snapshotting",
                           "`zstd` compression"]
    static let templates = [
        "{A} {adj} {noun} for {purpose}.",
        "{name} is {a} {adj} {noun} for {purpose}.",
        "Supports {feat} and {feat2}.",
        "Designed for {purpose}, with {feat}.",
        "It is used in production by several large companies.",
        "Easy to deploy as a single binary with no external dependencies.",
        "Ships with {feat} and {feat2}.",
        "{name} focuses on {purpose} and keeps the API small.",
        "Currently in beta; do not use in production environments.",
        "The goal is to make {purpose} **boring**.",
        "{A} {adj}, {adj2} {noun}.",
        "Written in {lang}, it needs no runtime of its own.",
    ]

    /// Each names `{t}` once with a phrase the relation inferrer knows.
    static let relations = [
        "{core} built on top of {t}.",
        "{core} based on {t} and a small plugin layer.",
        "A port of {t} to {lang}.",
        "{core} backed by {t}.",
        "Inspired by {t}, but much smaller.",
        "Wire-compatible with {t}, so existing clients keep working.",
        "Fully compatible with {t}.",
        "A drop-in alternative to {t}.",
        "A lightweight alternative to {t} for small teams.",
    ]
    static let cores = ["{A} {adj} {noun}", "Job queue", "Key-value store", "Admin console",
                        "One {noun} for {purpose}", "Open-source {noun}"]
    static let chineseRelations = ["基于 {t} 构建的分布式服务。", "兼容 {t} 协议。", "可以替代 {t} 使用。"]

    static let chinese = [
        "高性能的分布式消息中间件", "支持水平扩展和故障自动转移", "由阿里巴巴开源并在生产环境大规模使用",
        "提供完善的统计、监控和运维功能", "兼容多种协议并支持多语言客户端", "一套服务注册与发现的解决方案",
        "轻量级、跨语言、跨平台的远程调用框架", "用于构建高并发、高可用的微服务", "配置管理中心，解决配置分散混乱的问题",
        "面向互联网服务的分布式文件系统", "主要针对海量的非结构化数据", "日均承载百亿级别的请求量",
        "支持多种序列化方式", "提供灵活的伸缩性和方便的接入客户端", "降低运维成本，减少误操作",
        "采用全新的软件体系架构", "适用于大型系统中的内部数据传输", "在性能、传输大小上有明显的优势",
        "可快速部署、测试、上线", "支持 HTTP 与 gRPC 两种接入方式", "内置限流、熔断和降级能力",
        "可视化的任务调度与管理界面", "覆盖开发、运维以及测试的一整套解决方案", "分布式任务调度平台",
        "全局配置中心，存储应用的配置项", "提供高可靠和高并发的存储访问",
    ]
}
