import KBCommandLine

KB.runAsMain()
