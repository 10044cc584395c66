/** What every command-line tool does with --help (or -h): print its usage on stdout and exit 0. */
export function answerHelp(args: readonly string[], usage: string): void {
  if (args.includes('--help') || args.includes('-h')) {
    process.stdout.write(`${usage}\n`)
    process.exit(0)
  }
}
