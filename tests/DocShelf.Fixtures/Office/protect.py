# Saves office documents protected by a password, through LibreOffice's UNO bridge, for the tests of protected files.
# Arguments: a LibreOffice profile folder, then groups of four: source, target, LibreOffice filter name, password.
import subprocess, sys, time, uno
from com.sun.star.beans import PropertyValue
from com.sun.star.connection import NoConnectException
def prop(n, v):
    p = PropertyValue(); p.Name = n; p.Value = v; return p
profile, pipe = sys.argv[1], "protect-%d" % time.time_ns()
office = subprocess.Popen(["soffice", "--headless", "--norestore", "-env:UserInstallation=" + uno.systemPathToFileUrl(profile), "--accept=pipe,name=" + pipe + ";urp;"])
local = uno.getComponentContext()
resolver = local.ServiceManager.createInstanceWithContext("com.sun.star.bridge.UnoUrlResolver", local)
for _ in range(600):
    try:
        context = resolver.resolve("uno:pipe,name=" + pipe + ";urp;StarOffice.ComponentContext"); break
    except NoConnectException:
        time.sleep(0.1)
desktop = context.ServiceManager.createInstanceWithContext("com.sun.star.frame.Desktop", context)
for source, target, filter_name, password in zip(sys.argv[2::4], sys.argv[3::4], sys.argv[4::4], sys.argv[5::4]):
    document = desktop.loadComponentFromURL(uno.systemPathToFileUrl(source), "_blank", 0, (prop("Hidden", True),))
    document.storeToURL(uno.systemPathToFileUrl(target), (prop("FilterName", filter_name), prop("Password", password)))
    document.close(True)
try:
    desktop.terminate()
except Exception:  # it may already be going
    pass
office.wait(30)
