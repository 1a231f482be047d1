@main struct Blast { static func main() {} }
