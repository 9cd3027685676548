from thidua_docs.cli.main import run

run()
