from cablegraph.extract.context import CableContext

def extract_missions(context: CableContext):
    return []
