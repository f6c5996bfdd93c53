# DocShelf's office converter: one LibreOffice kept running for every conversion of a worker's life.
# DocShelf starts this with Debian's python3 and talks to it over stdin and stdout, one JSON object a line:
#   request  {"input": "/path/source.docx", "output": "/path/laid-out.pdf", "filter": "pdf", "passwords": ["..."]}
#            ("pdf" is the PDF export of whichever application opened the file; any other filter is LibreOffice's own name)
#   reply    {"ok": true}  or  {"error": "why"}; a line {"ready": true} first, once LibreOffice answers
# Arguments: the LibreOffice profile folder (a private one, so no user's settings or macros apply) and a pipe name.
# Documents are opened hidden and read-only, with macros never run and links never updated, so nothing in a file
# runs or reaches out. A request that hangs or crashes LibreOffice is DocShelf's to stop: it kills this process
# and everything it started, and starts a new one for the next file.
import json
import os
import subprocess
import sys
import time

import uno
from com.sun.star.beans import PropertyValue
from com.sun.star.connection import NoConnectException
from com.sun.star.lang import DisposedException

NEVER_EXECUTE = 0  # com.sun.star.document.MacroExecMode.NEVER_EXECUTE
NO_UPDATE = 0      # com.sun.star.document.UpdateDocMode.NO_UPDATE
PDF_EXPORTS = [("com.sun.star.presentation.PresentationDocument", "impress_pdf_Export"),
               ("com.sun.star.drawing.DrawingDocument", "draw_pdf_Export"),
               ("com.sun.star.sheet.SpreadsheetDocument", "calc_pdf_Export"),
               ("com.sun.star.text.TextDocument", "writer_pdf_Export")]


def prop(name, value):
    p = PropertyValue()
    p.Name = name
    p.Value = value
    return p


def connect(profile, pipe):
    subprocess.Popen(
        ["soffice", "--headless", "--invisible", "--nologo", "--norestore", "--nodefault", "--nolockcheck",
         "-env:UserInstallation=" + uno.systemPathToFileUrl(profile),
         "--accept=pipe,name=" + pipe + ";urp;StarOffice.ComponentContext"],
        stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    local = uno.getComponentContext()
    resolver = local.ServiceManager.createInstanceWithContext("com.sun.star.bridge.UnoUrlResolver", local)
    deadline = time.monotonic() + 120
    while True:
        try:
            context = resolver.resolve("uno:pipe,name=" + pipe + ";urp;StarOffice.ComponentContext")
            return context.ServiceManager.createInstanceWithContext("com.sun.star.frame.Desktop", context)
        except NoConnectException:
            if time.monotonic() > deadline:
                raise
            time.sleep(0.1)


def load(desktop, path, passwords):
    base = (prop("Hidden", True), prop("ReadOnly", True), prop("MacroExecutionMode", NEVER_EXECUTE),
            prop("UpdateDocMode", NO_UPDATE))
    for password in [None] + passwords:
        extra = () if password is None else (prop("Password", password),)
        try:
            document = desktop.loadComponentFromURL(uno.systemPathToFileUrl(path), "_blank", 0, base + extra)
        except Exception:
            document = None
        if document is not None:
            return document
    return None


def alive(desktop):
    try:
        desktop.getComponents()
        return True
    except Exception:
        return False


def convert(desktop, request):
    document = load(desktop, request["input"], request.get("passwords", []))
    if document is None:
        if not alive(desktop):
            raise DisposedException()  # LibreOffice is gone, not the file's fault
        return {"error": "LibreOffice could not open the file"}
    name = request["filter"]
    if name == "pdf":
        name = next((f for service, f in PDF_EXPORTS if document.supportsService(service)), "writer_pdf_Export")
    try:
        document.storeToURL(uno.systemPathToFileUrl(request["output"]), (prop("FilterName", name),))
    finally:
        document.close(True)
    return {"ok": True}


def main():
    desktop = connect(sys.argv[1], sys.argv[2])
    print(json.dumps({"ready": True}), flush=True)
    for line in sys.stdin:
        request = json.loads(line)
        try:
            reply = convert(desktop, request)
        except DisposedException:
            sys.exit("LibreOffice stopped")  # DocShelf starts a new converter for the next file
        except Exception as error:  # a broken file: report it and take the next
            detail = (str(error).strip().splitlines() or [type(error).__name__])[0][:200]
            reply = {"error": "LibreOffice could not convert the file: " + detail}
        print(json.dumps(reply), flush=True)
    # DocShelf closed the pipe (it finished, or was killed): LibreOffice goes with it.
    try:
        desktop.terminate()
    except Exception:
        pass


if __name__ == "__main__":
    main()
